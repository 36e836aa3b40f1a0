package dev.chunker.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.chunker.chunk.CodeChunk;
import dev.chunker.chunk.DefinitionMetadata;
import org.jspecify.annotations.Nullable;

/**
 * A stored chunk: the fields of {@link CodeChunk} (same names, snake_case in JSON) plus the repository and the run
 * that last wrote it, and the rank of a text search.
 * @param repo the repository name
 * @param filePath see {@link CodeChunk}
 * @param language see {@link CodeChunk}
 * @param nodeType see {@link CodeChunk}
 * @param name see {@link CodeChunk}
 * @param qualifiedName see {@link CodeChunk}
 * @param parentChunkId see {@link CodeChunk}
 * @param startLine see {@link CodeChunk}
 * @param endLine see {@link CodeChunk}
 * @param byteStart see {@link CodeChunk}
 * @param byteEnd see {@link CodeChunk}
 * @param content see {@link CodeChunk}
 * @param chunkId see {@link CodeChunk}
 * @param fileId see {@link CodeChunk}
 * @param definitionId see {@link CodeChunk}
 * @param contentHash see {@link CodeChunk}
 * @param hasError see {@link CodeChunk}
 * @param partIndex see {@link CodeChunk}
 * @param partCount see {@link CodeChunk}
 * @param metadata see {@link CodeChunk}
 * @param runId the run that inserted this row (a chunk whose id is unchanged keeps its run)
 * @param score the rank of a text search (higher is better), absent otherwise
 */
public record ChunkRecord(String repo, String filePath, String language, String nodeType, @Nullable String name,
		@Nullable String qualifiedName, @Nullable String parentChunkId, int startLine, int endLine, int byteStart,
		int byteEnd, String content, String chunkId, String fileId, String definitionId, String contentHash,
		boolean hasError, int partIndex, int partCount, @Nullable DefinitionMetadata metadata, long runId,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Double score) {

	public CodeChunk toCodeChunk() {
		return new CodeChunk(this.filePath, this.language, this.nodeType, this.name, this.qualifiedName,
				this.parentChunkId, this.startLine, this.endLine, this.byteStart, this.byteEnd, this.content, this.chunkId,
				this.fileId, this.definitionId, this.contentHash, this.hasError, this.partIndex, this.partCount, this.metadata);
	}

	/** The chunk without its content, for lists of parents and children. */
	public ChunkSummary summary() {
		return new ChunkSummary(this.repo, this.chunkId, this.filePath, this.nodeType, this.name, this.qualifiedName,
				this.startLine, this.endLine, this.byteStart, this.byteEnd, this.parentChunkId);
	}

}
