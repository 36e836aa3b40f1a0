package dev.chunker.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.chunker.chunk.ChunkIds;
import dev.chunker.chunk.ChunkingException;
import dev.chunker.chunk.FileChunker;
import dev.chunker.chunk.FileChunks;
import dev.chunker.pack.PackedWindow;
import dev.chunker.store.ManifestEntry;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Chunks one manifest file. A file whose content hash matches the one the manifest carries (stored, indexed under
 * the same rules) is not re-parsed; a file that cannot be chunked becomes a {@link FileOutcome.Failed} with its
 * reason, so the run goes on. Huge files are left to {@link StreamedFileIndexer}.
 */
public class FileIndexProcessor implements ItemProcessor<ManifestEntry, FileOutcome> {

	static final String CRASHED_PARSER_MESSAGE = "the process died twice in a row while chunking it (a native crash "
			+ "in the parser, or out of memory); skipped until it changes";

	private final FileChunker chunker;

	private final IndexViews views;

	private final Path root;

	private final long streamingThresholdBytes;

	private final InFlightJournal journal;

	/** With the journal that records the file each worker thread is chunking, and knows the quarantined ones. */
	public FileIndexProcessor(FileChunker chunker, IndexViews views, Path root, long streamingThresholdBytes,
			InFlightJournal journal) {
		this.views = views;
		this.journal = journal;
		this.streamingThresholdBytes = streamingThresholdBytes;
		this.chunker = chunker;
		this.root = root;
	}

	@Override
	public FileOutcome process(ManifestEntry entry) {
		String rulesVersion = this.views.rulesVersion(entry.language());
		if (this.journal.quarantined(entry.path(), entry.size(), entry.mtimeMillis())) {
			return crashedParser(entry, rulesVersion);
		}
		if (entry.size() >= this.streamingThresholdBytes) {
			// Huge: read, hashed and chunked in the writer's transaction, in bounded batches.
			return new FileOutcome.Streamed(entry.path(), entry.language(), entry.size(), entry.mtimeMillis(),
					rulesVersion, entry.changeIfChunked());
		}
		try {
			return this.journal.around(entry.path(), () -> chunk(entry, rulesVersion));
		}
		catch (RuntimeException ex) {
			return FileFailures.failed(entry.path(), entry.language(), entry.size(), entry.mtimeMillis(), rulesVersion, ex);
		}
	}

	private FileOutcome chunk(ManifestEntry entry, String rulesVersion) {
		byte[] bytes = this.chunker.read(this.root.resolve(entry.path()));
		String hash = ChunkIds.contentHash(bytes, 0, bytes.length);
		if (hash.equals(entry.reusableHash())) {
			return new FileOutcome.Unchanged(entry.path(), bytes.length, entry.mtimeMillis());
		}
		List<List<PackedWindow>> windows = new ArrayList<>(1);
		FileChunks chunks = this.chunker.chunkHashed(bytes, hash, entry.path(), entry.language(),
				this.views.packed() ? (tree, source, language) -> windows.add(Objects.requireNonNull(
						this.views.windows(tree, bytes, source, entry.path(), language))) : null);
		// An empty file has no tree: its (no) windows come from the bytes.
		return new FileOutcome.Indexed(chunks, entry.mtimeMillis(), rulesVersion, entry.changeIfChunked(), bytes,
				windows.isEmpty() ? this.views.windows(bytes, entry.path(), chunks.language()) : windows.get(0));
	}

	static FileOutcome.Failed crashedParser(ManifestEntry entry, String rulesVersion) {
		return new FileOutcome.Failed(entry.path(), ChunkIds.fileId(entry.path()), entry.language(), entry.size(),
				entry.mtimeMillis(), rulesVersion, ChunkingException.Reason.CRASHED_PARSER, CRASHED_PARSER_MESSAGE);
	}

}
