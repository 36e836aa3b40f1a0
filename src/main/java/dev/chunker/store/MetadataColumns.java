package dev.chunker.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import dev.chunker.chunk.CodeChunk;
import dev.chunker.chunk.DefinitionMetadata;
import dev.chunker.chunk.DocComments;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * A definition's metadata as stored: the {@code metadata} column holds its signature, parameters, return type,
 * modifiers and annotations as JSON and its doc as a span relative to the chunk's first byte (the doc is text of the
 * chunk, so it is cut from the chunk's content when read, not stored twice); {@code return_type} and
 * {@code has_doc} repeat what queries filter on. The file's imports are stored once, in {@code files.imports}.
 */
public final class MetadataColumns {

	private static final JsonMapper JSON = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.build();

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private MetadataColumns() {
	}

	/** The {@code metadata} column of a chunk: null when it has no metadata. */
	public static @Nullable String json(CodeChunk chunk) {
		DefinitionMetadata metadata = chunk.metadata();
		if (metadata == null) {
			return null;
		}
		Integer docStart = metadata.docByteStart();
		Integer docEnd = metadata.docByteEnd();
		int[] doc = (docStart != null && docEnd != null)
				? new int[] { docStart - chunk.byteStart(), docEnd - chunk.byteStart() } : null;
		return JSON.writeValueAsString(new Stored(metadata.signature(), metadata.parameters(), metadata.returns(),
				metadata.modifiers(), metadata.annotations(), doc));
	}

	/** The {@code return_type} column of a chunk. */
	public static @Nullable String returnType(CodeChunk chunk) {
		DefinitionMetadata metadata = chunk.metadata();
		return (metadata != null) ? metadata.returns() : null;
	}

	/** The {@code has_doc} column of a chunk. */
	public static boolean hasDoc(CodeChunk chunk) {
		DefinitionMetadata metadata = chunk.metadata();
		return metadata != null && metadata.doc() != null;
	}

	/** The {@code files.imports} column of a file whose chunks these are: null when none of them has metadata. */
	public static @Nullable String importsJson(List<CodeChunk> chunks) {
		for (CodeChunk chunk : chunks) {
			if (chunk.metadata() != null) {
				return JSON.writeValueAsString(chunk.metadata().imports());
			}
		}
		return null;
	}

	/**
	 * A stored chunk's metadata.
	 * @param json its {@code metadata} column
	 * @param bytes its bytes as stored (the doc's byte span is cut from them, so a replaced invalid byte or NUL
	 *     in the decoded content cannot shift it)
	 * @param importsJson its file's {@code imports} column
	 * @return the metadata, or null when the chunk has none
	 */
	public static @Nullable DefinitionMetadata read(@Nullable String json, int byteStart, byte[] bytes,
			@Nullable String importsJson) {
		if (json == null) {
			return null;
		}
		try {
			Stored stored = JSON.readValue(json, Stored.class);
			List<String> imports = (importsJson != null) ? JSON.readValue(importsJson, STRINGS) : List.of();
			String doc = null;
			Integer docStart = null;
			Integer docEnd = null;
			int[] span = stored.doc();
			if (span != null && span.length == 2) {
				if (span[0] >= 0 && span[1] <= bytes.length && span[0] < span[1]) {
					doc = DocComments.clean(new String(Arrays.copyOfRange(bytes, span[0], span[1]), StandardCharsets.UTF_8));
					docStart = byteStart + span[0];
					docEnd = byteStart + span[1];
				}
			}
			return new DefinitionMetadata(stored.signature(), stored.parameters(), stored.returns(), stored.modifiers(),
					stored.annotations(), doc, docStart, docEnd, imports);
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("the stored metadata of a chunk is not valid JSON: " + ex.getOriginalMessage(),
					ex);
		}
	}

	/**
	 * The {@code metadata} column's JSON.
	 * @param doc the doc's span relative to the chunk's first byte, or null
	 */
	record Stored(String signature, List<DefinitionMetadata.Parameter> parameters, @Nullable String returns,
			List<String> modifiers, List<String> annotations, int @Nullable [] doc) {
	}

}
