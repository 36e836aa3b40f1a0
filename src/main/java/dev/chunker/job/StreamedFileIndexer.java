package dev.chunker.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.chunker.chunk.CodeChunk;
import dev.chunker.chunk.ChunkIds;
import dev.chunker.chunk.ChunkingException;
import dev.chunker.chunk.FileChunker;
import dev.chunker.store.ChunkDao;
import dev.chunker.store.ContentDao;
import dev.chunker.store.FileChange;
import dev.chunker.store.FileDao;
import dev.chunker.store.MetadataColumns;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The streaming path of a huge file: read memory-mapped, parsed with a callback and its chunk rows written in
 * batches as they are extracted, so its chunks never sit in memory together. Runs in the chunk transaction, inside a
 * savepoint: when chunking fails halfway, the rows written so far are rolled back, the file's earlier chunks come
 * back, and only its failure is recorded (by the caller, with the failure mapping of the heap path).
 */
public class StreamedFileIndexer {

	static final String CHANGED = "changed while it was being indexed; the next run indexes it again";

	/** Chunk rows per insert batch. */
	static final int DEFAULT_BATCH = 1000;

	private final StreamingChunker chunker;

	private final ChunkDao chunks;

	private final ContentDao contents;

	private final FileDao files;

	private final Path root;

	private final TransactionTemplate savepoint;

	private final int batchSize;

	private final InFlightJournal journal;

	/** Records each huge file in {@code journal} while it is chunked (see {@link FileIndexProcessor}). */
	public StreamedFileIndexer(FileChunker chunker, ChunkDao chunks, ContentDao contents, FileDao files, Path root,
			PlatformTransactionManager transactionManager, int batchSize, InFlightJournal journal) {
		this(chunker::chunkStreaming, chunks, contents, files, root, transactionManager, batchSize, journal);
	}

	/** With another streaming chunker: how the tests make a file fail after some of its batches were written. */
	StreamedFileIndexer(StreamingChunker chunker, ChunkDao chunks, ContentDao contents, FileDao files, Path root,
			PlatformTransactionManager transactionManager, int batchSize, InFlightJournal journal) {
		this.journal = journal;
		this.chunker = chunker;
		this.chunks = chunks;
		this.contents = contents;
		this.files = files;
		this.root = root;
		this.batchSize = batchSize;
		this.savepoint = new TransactionTemplate(transactionManager);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/**
	 * Replaces a huge file's chunk rows and its file row.
	 * @return the file's failure if it could not be chunked (nothing of it was written), else empty
	 */
	public Optional<FileOutcome.Failed> index(long repoId, long runId, FileOutcome.Streamed file) {
		try {
			this.journal.around(file.path(), () -> {
				this.savepoint.executeWithoutResult((status) -> write(repoId, runId, file));
				return null;
			});
			return Optional.empty();
		}
		catch (RuntimeException ex) {
			return Optional.of(FileFailures.failed(file.path(), file.language(), file.size(), file.mtimeMillis(),
					file.rulesVersion(), ex));
		}
	}

	private void write(long repoId, long runId, FileOutcome.Streamed file) {
		if (file.change() != FileChange.NEW) {
			// Streamed chunks are not diffed (they are never all in memory): the old rows go, the new ones follow.
			this.chunks.deleteFileChunks(repoId, runId, file.path());
		}
		long[] ordinal = new long[1];
		@Nullable String[] imports = new String[1];
		FileChunker.StreamedFile streamed = this.chunker.chunk(this.root.resolve(file.path()), file.path(),
				file.language(), this.batchSize, (batch) -> {
					this.chunks.insertChunkBatch(repoId, runId, batch, (int) ordinal[0]);
					ordinal[0] += batch.size();
					if (imports[0] == null) {
						imports[0] = MetadataColumns.importsJson(batch);
					}
				});
		storeContent(this.root.resolve(file.path()), streamed);
		this.files.writeIndexed(repoId, runId, streamed.filePath(), streamed.fileId(), streamed.language(),
				streamed.sizeBytes(), file.mtimeMillis(), streamed.contentHash(), file.rulesVersion(), file.change(),
				streamed.chunkCount(), imports[0]);
	}

	/**
	 * Stores the file's bytes, read once more as a stream (they were never on the heap), up to the size that was
	 * chunked, and checks they are the bytes that were chunked: a file rewritten or cut in between fails, and its
	 * earlier rows come back.
	 */
	private void storeContent(Path path, FileChunker.StreamedFile streamed) {
		try {
			// Shorter now: the read below would end early. Longer is fine: it stops at the size that was chunked.
			if (Files.size(path) < streamed.sizeBytes()) {
				throw new ChunkingException(ChunkingException.Reason.UNREADABLE, CHANGED);
			}
		}
		catch (IOException ex) {
			throw new ChunkingException(ChunkingException.Reason.VANISHED, "vanished while it was being indexed", ex);
		}
		MessageDigest digest = ChunkIds.contentDigest();
		boolean[] read = new boolean[1];
		this.contents.store(streamed.contentHash(), streamed.sizeBytes(), () -> {
			try {
				read[0] = true;
				return new DigestInputStream(Files.newInputStream(path), digest);
			}
			catch (IOException ex) {
				throw new ChunkingException(ChunkingException.Reason.UNREADABLE,
						"could not be read again to store its content: " + ex.getMessage(), ex);
			}
		});
		// Not read when the same bytes were stored before: that row is right by its key.
		if (read[0] && !HexFormat.of().formatHex(digest.digest()).equals(streamed.contentHash())) {
			throw new ChunkingException(ChunkingException.Reason.UNREADABLE, CHANGED);
		}
	}

	/** The streaming entry point of the chunker ({@link FileChunker#chunkStreaming}). */
	@FunctionalInterface
	interface StreamingChunker {

		FileChunker.StreamedFile chunk(Path file, String filePath, String language, int batchSize,
				Consumer<List<CodeChunk>> batches);

	}

}
