package dev.chunker.scan;

import java.util.List;

/**
 * What a scan found.
 * @param files files to index, sorted by path
 * @param errors files that cannot be indexed, with reasons
 */
public record ScanResult(List<ScannedFile> files, List<ScanError> errors) {

	/**
	 * A file the scan refused.
	 * @param path repository-relative path
	 * @param reason reason code
	 * @param message explanation
	 */
	public record ScanError(String path, String reason, String message) {
	}

}
