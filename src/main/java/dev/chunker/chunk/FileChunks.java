package dev.chunker.chunk;

import java.util.List;

/**
 * The chunks of one file and what was learned about the file on the way.
 * @param filePath repository-relative path
 * @param language the detected language
 * @param fileId identity of the path
 * @param contentHash SHA-1 of the whole file
 * @param sizeBytes file size in bytes
 * @param hasInvalidUtf8 whether invalid UTF-8 bytes were replaced in chunk content
 * @param cacheHit whether the parse was skipped thanks to the AST cache
 * @param chunks the chunks, in document order
 */
public record FileChunks(String filePath, String language, String fileId, String contentHash, long sizeBytes,
		boolean hasInvalidUtf8, boolean cacheHit, List<CodeChunk> chunks) {
}
