package dev.chunker.store;

import dev.chunker.chunk.CodeChunk;
import org.jspecify.annotations.Nullable;

/**
 * Where a chunk sits in its file: what an edit elsewhere in the file changes while its id (its content) stays.
 * @param ordinal position among the file's chunks
 * @param startLine first line
 * @param endLine last line
 * @param byteStart first byte
 * @param byteEnd end byte (exclusive)
 * @param parentChunkId enclosing chunk, if any
 * @param hasError whether its node has parse errors
 * @param metadata its {@code metadata} column ({@link MetadataColumns}): the same content can describe itself
 *     differently once the rules change
 */
public record ChunkPlacement(int ordinal, int startLine, int endLine, int byteStart, int byteEnd,
		@Nullable String parentChunkId, boolean hasError, @Nullable String metadata) {

	/** The placement of {@code chunk} at position {@code ordinal}. */
	public static ChunkPlacement of(CodeChunk chunk, int ordinal) {
		return new ChunkPlacement(ordinal, chunk.startLine(), chunk.endLine(), chunk.byteStart(), chunk.byteEnd(),
				chunk.parentChunkId(), chunk.hasError(), MetadataColumns.json(chunk));
	}

}
