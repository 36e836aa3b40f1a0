package dev.chunker.store;

/**
 * Counts of one run.
 * @param filesScanned files the scan listed
 * @param filesNew files indexed for the first time
 * @param filesChanged files whose content changed
 * @param filesUnchanged files left as they were
 * @param filesDeleted files removed because they are gone from the tree
 * @param filesFailed files that could not be chunked (see the error table)
 * @param chunksWritten chunk rows inserted
 * @param chunksDeleted chunk rows deleted
 * @param bytesScanned total size of the listed files
 */
public record RunSummary(long filesScanned, long filesNew, long filesChanged, long filesUnchanged, long filesDeleted,
		long filesFailed, long chunksWritten, long chunksDeleted, long bytesScanned) {
}
