package dev.chunker.job;

import java.nio.file.Path;

import dev.chunker.chunk.ChunkIds;
import dev.chunker.chunk.ChunkingException;
import dev.chunker.chunk.FileChunker;
import dev.chunker.store.IndexStore;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
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

	private final FileChunker chunker;

	private final Path root;

	private final TransactionTemplate savepoint;

	public FileIndexWriter(IndexStore store, long repoId, long runId, IndexProgress progress, FileChunker chunker,
			Path root, PlatformTransactionManager transactionManager) {
		this.savepoint = new TransactionTemplate(transactionManager);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.chunker = chunker;
		this.root = root;
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
				case FileOutcome.Streamed streamed -> writeStreamed(streamed);
			}
			long size = switch (outcome) {
				case FileOutcome.Indexed indexed -> indexed.chunks().sizeBytes();
				case FileOutcome.Unchanged unchanged -> unchanged.size();
				case FileOutcome.Failed failed -> failed.size();
				case FileOutcome.Streamed streamed -> streamed.size();
			};
			this.progress.done(size, outcome instanceof FileOutcome.Failed);
		}
	}

	private void writeStreamed(FileOutcome.Streamed streamed) {
		try {
			// A savepoint: if chunking fails halfway, the file's earlier chunks come back and only the failure is
			// recorded.
			this.savepoint.executeWithoutResult((status) -> {
				this.store.startStreamedFile(this.repoId, this.runId, streamed.path(), streamed.change());
				long[] ordinal = new long[1];
				FileChunker.StreamedFile file = this.chunker.chunkStreaming(this.root.resolve(streamed.path()),
						streamed.path(), streamed.language(), STREAM_BATCH, (batch) -> {
							this.store.insertChunkBatch(this.repoId, this.runId, batch, (int) ordinal[0]);
							ordinal[0] += batch.size();
						});
				this.store.finishStreamedFile(this.repoId, this.runId, file, streamed.mtimeMillis(),
						streamed.rulesVersion(), streamed.change());
			});
		}
		catch (ChunkingException ex) {
			this.store.writeFailure(this.repoId, this.runId, streamed.path(), ChunkIds.fileId(streamed.path()),
					streamed.language(), streamed.size(), streamed.mtimeMillis(), streamed.rulesVersion(), ex.reason().code(),
					ex.getMessage());
		}
	}

	/** Chunk rows per insert batch on the streaming path. */
	static final int STREAM_BATCH = 1000;

}
