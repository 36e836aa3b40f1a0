package dev.chunker.scan;

/**
 * A file the scan found and will index.
 * @param path repository-relative path with {@code /} separators
 * @param language detected language
 * @param size size in bytes
 * @param mtimeMillis modification time
 */
public record ScannedFile(String path, String language, long size, long mtimeMillis) {
}
