package dev.chunker.cli;

import java.io.PrintWriter;
import java.util.List;

import dev.chunker.chunk.CodeChunk;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** JSON forms of chunks: snake_case field names, the product's exchange format. */
public final class ChunkJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.build();

	private ChunkJson() {
	}

	public static JsonMapper mapper() {
		return MAPPER;
	}

	/** One chunk as one line of JSON. */
	public static String line(CodeChunk chunk) {
		return MAPPER.writeValueAsString(chunk);
	}

	public static void writeArray(PrintWriter out, List<CodeChunk> chunks) {
		out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(chunks));
	}

}
