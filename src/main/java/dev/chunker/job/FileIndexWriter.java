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

	private final IndexProgress progress;

	public FileIndexWriter(IndexStore store, long repoId, long runId, IndexProgress progress) {
		this.store = store;
		this.repoId = repoId;
		this.runId = runId;
		this.progress = progress;
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
			long size = switch (outcome) {
				case FileOutcome.Indexed indexed -> indexed.chunks().size();
				case FileOutcome.Unchanged unchanged -> unchanged.size();
				case FileOutcome.Failed failed -> failed.size();
			};
			this.progress.done(size, outcome instanceof FileOutcome.Failed);
		}
	}

}
