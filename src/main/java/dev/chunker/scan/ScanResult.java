package dev.chunker.scan;

import java.util.List;

import dev.chunker.chunk.ChunkingException;

/**
 * What a scan found.
 * @param files files to index, sorted by path
 * @param errors files that cannot be indexed, with reasons
 */
public record ScanResult(List<ScannedFile> files, List<ScanError> errors) {

	/**
	 * A file the scan refused.
	 * @param path repository-relative path
	 * @param reason why it is refused
	 * @param message explanation
	 */
	public record ScanError(String path, ChunkingException.Reason reason, String message) {
	}

}
