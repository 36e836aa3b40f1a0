package dev.chunker.query;

import org.jspecify.annotations.Nullable;

/**
 * A chunk without its content.
 * @param repo the repository
 * @param chunkId the chunk
 * @param filePath its file
 * @param nodeType its node type
 * @param name its name
 * @param qualifiedName its qualified name
 * @param startLine first line
 * @param endLine last line
 * @param byteStart first byte
 * @param byteEnd end byte (exclusive)
 * @param parentChunkId its parent
 */
public record ChunkSummary(String repo, String chunkId, String filePath, String nodeType, @Nullable String name,
		@Nullable String qualifiedName, int startLine, int endLine, int byteStart, int byteEnd,
		@Nullable String parentChunkId) {
}
