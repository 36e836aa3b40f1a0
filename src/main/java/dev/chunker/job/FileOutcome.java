package dev.chunker.job;

import java.util.List;

import dev.chunker.pack.PackedWindow;
import org.jspecify.annotations.Nullable;

import dev.chunker.chunk.ChunkingException;
import dev.chunker.chunk.FileChunks;
import dev.chunker.store.FileChange;

/** What processing one manifest file produced; the writer persists it. */
public sealed interface FileOutcome {

	String path();

	/**
	 * Chunked: the chunks replace the file's earlier ones.
	 * @param chunks the file's chunks
	 * @param mtimeMillis modification time
	 * @param rulesVersion grammar and rules version used
	 * @param change {@link FileChange#NEW} or {@link FileChange#CHANGED}
	 * @param content the bytes the chunks are spans of (stored once per distinct content)
	 * @param windows the packed view's windows, or null when the view is not built
	 */
	record Indexed(FileChunks chunks, long mtimeMillis, String rulesVersion, FileChange change, byte[] content,
			@Nullable List<PackedWindow> windows) implements FileOutcome {

		@Override
		public String path() {
			return this.chunks.filePath();
		}

	}

	/**
	 * Content unchanged since the last run (same hash, same rules): nothing is re-parsed.
	 * @param path the file
	 * @param size its size
	 * @param mtimeMillis its modification time
	 */
	record Unchanged(String path, long size, long mtimeMillis) implements FileOutcome {
	}

	/**
	 * Could not be chunked.
	 * @param path the file
	 * @param fileId identity of the path
	 * @param language detected language
	 * @param size size at scan time
	 * @param mtimeMillis modification time at scan time
	 * @param rulesVersion rules version
	 * @param reason why
	 * @param message explanation
	 */
	record Failed(String path, String fileId, String language, long size, long mtimeMillis, String rulesVersion,
			ChunkingException.Reason reason, String message) implements FileOutcome {
	}

	/**
	 * A huge file, chunked in the writer's transaction by {@link StreamedFileIndexer} so its chunks never sit in memory together.
	 * @param path the file
	 * @param language detected language
	 * @param size size at scan time
	 * @param mtimeMillis modification time
	 * @param rulesVersion rules version
	 * @param change {@link FileChange#NEW} or {@link FileChange#CHANGED}
	 */
	record Streamed(String path, String language, long size, long mtimeMillis, String rulesVersion, FileChange change)
			implements FileOutcome {
	}

}
