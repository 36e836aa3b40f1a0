package dev.chunker.job;

import dev.chunker.chunk.ChunkIds;
import dev.chunker.chunk.ChunkingException;
import org.springframework.dao.DataAccessException;

/**
 * The one mapping from an exception met while chunking a file to the failure recorded for it, shared by the heap
 * and the streaming path: a {@link ChunkingException} keeps its reason, anything else unexpected is
 * {@code EXTRACTION_FAILED}, so the run goes on. Database errors are not the file's fault and propagate (the chunk
 * is retried or the step fails).
 */
final class FileFailures {

	private FileFailures() {
	}

	/**
	 * The failure of a file.
	 * @throws RuntimeException {@code ex} itself when it is a database error
	 */
	static FileOutcome.Failed failed(String path, String language, long size, long mtimeMillis, String rulesVersion,
			RuntimeException ex) {
		if (ex instanceof DataAccessException) {
			throw ex;
		}
		ChunkingException.Reason reason = (ex instanceof ChunkingException chunking) ? chunking.reason()
				: ChunkingException.Reason.EXTRACTION_FAILED;
		String message = (ex instanceof ChunkingException) ? String.valueOf(ex.getMessage())
				: ex.getClass().getSimpleName() + ": " + ex.getMessage();
		return new FileOutcome.Failed(path, ChunkIds.fileId(path), language, size, mtimeMillis, rulesVersion, reason,
				message);
	}

}
