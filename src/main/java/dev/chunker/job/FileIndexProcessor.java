package dev.chunker.job;

import java.nio.file.Path;
import java.util.Optional;

import dev.chunker.chunk.ChunkIds;
import dev.chunker.chunk.ChunkingException;
import dev.chunker.chunk.FileChunker;
import dev.chunker.chunk.FileChunks;
import dev.chunker.store.IndexStore;
import dev.chunker.store.ManifestEntry;
import dev.chunker.store.StoredFile;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Chunks one manifest file. A file whose content hash and rules version match the stored ones is not re-parsed;
 * a file that cannot be chunked becomes a {@link FileOutcome.Failed} with its reason, so the run goes on.
 */
public class FileIndexProcessor implements ItemProcessor<ManifestEntry, FileOutcome> {

	private final FileChunker chunker;

	private final IndexStore store;

	private final Path root;

	private final long repoId;

	private final long streamingThresholdBytes;

	public FileIndexProcessor(FileChunker chunker, IndexStore store, Path root, long repoId, long streamingThresholdBytes) {
		this.streamingThresholdBytes = streamingThresholdBytes;
		this.chunker = chunker;
		this.store = store;
		this.root = root;
		this.repoId = repoId;
	}

	@Override
	public FileOutcome process(ManifestEntry entry) {
		String rulesVersion = this.chunker.rulesVersion(entry.language());
		try {
			Optional<StoredFile> stored = this.store.storedFile(this.repoId, entry.path());
			if (entry.size() >= this.streamingThresholdBytes) {
				// Huge: read, hashed and chunked by the writer in bounded batches.
				return new FileOutcome.Streamed(entry.path(), entry.language(), entry.size(), entry.mtimeMillis(),
						rulesVersion, stored.isPresent() ? IndexStore.CHANGED : IndexStore.NEW);
			}
			byte[] bytes = this.chunker.read(this.root.resolve(entry.path()));
			String hash = ChunkIds.contentHash(bytes, 0, bytes.length);
			if (stored.isPresent() && "indexed".equals(stored.get().status()) && hash.equals(stored.get().contentHash())
					&& rulesVersion.equals(stored.get().rulesVersion())) {
				return new FileOutcome.Unchanged(entry.path(), bytes.length, entry.mtimeMillis());
			}
			FileChunks chunks = this.chunker.chunkHashed(bytes, hash, entry.path(), entry.language());
			return new FileOutcome.Indexed(chunks, entry.mtimeMillis(), rulesVersion,
					stored.isPresent() ? IndexStore.CHANGED : IndexStore.NEW);
		}
		catch (ChunkingException ex) {
			return failed(entry, rulesVersion, ex.reason().code(), ex.getMessage());
		}
		catch (RuntimeException ex) {
			return failed(entry, rulesVersion, ChunkingException.Reason.EXTRACTION_FAILED.code(),
					ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	private FileOutcome failed(ManifestEntry entry, String rulesVersion, String reason, String message) {
		return new FileOutcome.Failed(entry.path(), ChunkIds.fileId(entry.path()), entry.language(), entry.size(),
				entry.mtimeMillis(), rulesVersion, reason, message);
	}

}
