package dev.chunker.chunk;

import org.jspecify.annotations.Nullable;

/**
 * One chunk of a source file: a definition (or one part of a definition too large for one chunk). Field names
 * in JSON are the snake_case forms of these components, and are part of the product's contract.
 * @param filePath repository-relative path with {@code /} separators
 * @param language the language identifier
 * @param nodeType the tree-sitter node type of the definition
 * @param name the symbol name, or null for anonymous definitions
 * @param qualifiedName the names of the enclosing definitions and this one joined with {@code .}
 * @param parentChunkId the id of the closest enclosing emitted chunk
 * @param startLine first line, 1-based
 * @param endLine last line, 1-based and inclusive
 * @param byteStart first byte, 0-based, in the original file
 * @param byteEnd end byte, exclusive
 * @param content exactly the bytes {@code [byteStart, byteEnd)}, decoded as UTF-8 (invalid bytes replaced)
 * @param chunkId identity of this content at this place; see {@code docs/architecture.md}
 * @param fileId identity of the file path
 * @param definitionId identity of the definition, stable while its path, kind and name do not change
 * @param contentHash SHA-1 of the original content bytes
 * @param hasError whether the definition contains ERROR or MISSING nodes
 * @param partIndex 0-based index of this part
 * @param partCount number of parts the definition was split into (1 when not split)
 * @param metadata what the definition declares (signature, parameters, doc, ...), on its first part, for languages
 *     whose rules describe it; null otherwise
 */
public record CodeChunk(String filePath, String language, String nodeType, @Nullable String name,
		@Nullable String qualifiedName, @Nullable String parentChunkId, int startLine, int endLine, int byteStart,
		int byteEnd, String content, String chunkId, String fileId, String definitionId, String contentHash,
		boolean hasError, int partIndex, int partCount, @Nullable DefinitionMetadata metadata) {
}
