package dev.chunker.store;

/**
 * One file of a run's manifest.
 * @param partition the partition that processes it
 * @param ordinal its position in the partition (path order)
 * @param path repository-relative path
 * @param language detected language
 * @param size size at scan time
 * @param mtimeMillis modification time at scan time
 * @param needsWork false when size and mtime match the stored file, so its content is not even read
 */
public record ManifestEntry(int partition, int ordinal, String path, String language, long size, long mtimeMillis,
		boolean needsWork) {
}
