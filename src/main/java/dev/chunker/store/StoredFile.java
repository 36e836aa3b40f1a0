package dev.chunker.store;

import org.jspecify.annotations.Nullable;

/**
 * What the database knows of a file from earlier runs.
 * @param path repository-relative path
 * @param size size at the last run
 * @param mtimeMillis modification time at the last run
 * @param contentHash SHA-1 of the content last chunked (null if never chunked)
 * @param rulesVersion grammar and rules version it was chunked with
 * @param status indexed, or failed (its earlier chunks kept)
 * @param contentStored whether its chunk rows are spans of stored content (false for rows written before content
 * was stored: the next run reads the file again)
 */
public record StoredFile(String path, long size, long mtimeMillis, @Nullable String contentHash, String rulesVersion,
		FileStatus status, boolean contentStored) {
}
