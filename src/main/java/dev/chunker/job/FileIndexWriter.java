package dev.chunker.job;

import dev.chunker.store.IndexStore;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Persists processed files in the chunk transaction: per file, the file row and exactly the chunk rows that
 * changed. Idempotent, so a chunk replayed after a crash leaves the same rows.
 */
public class FileIndexWriter implements ItemWriter<FileOutcome> {

	private final IndexStore store;

	private final long repoId;

	private final long runId;

	public FileIndexWriter(IndexStore store, long repoId, long runId) {
		this.store = store;
		this.repoId = repoId;
		this.runId = runId;
	}

	@Override
	public void write(Chunk<? extends FileOutcome> outcomes) {
		for (FileOutcome outcome : outcomes) {
			switch (outcome) {
				case FileOutcome.Indexed indexed -> this.store.writeChunks(this.repoId, this.runId, indexed.chunks(),
						indexed.mtimeMillis(), indexed.rulesVersion(), indexed.change());
				case FileOutcome.Unchanged unchanged -> this.store.touchFile(this.repoId, this.runId, unchanged.path(),
						unchanged.size(), unchanged.mtimeMillis());
				case FileOutcome.Failed failed -> this.store.writeFailure(this.repoId, this.runId, failed.path(),
						failed.fileId(), failed.language(), failed.size(), failed.mtimeMillis(), failed.rulesVersion(),
						failed.reason(), failed.message());
			}
		}
	}

}
