package dev.chunker.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code chunker chunk FILE --packed}: the windows as JSON lines, their fields, the budget flags and bad usage. */
class PackedChunkCommandTest {

	private static final List<String> FIELDS = List.of("file_path", "language", "window_index", "byte_start", "byte_end",
			"start_line", "end_line", "window_id", "nws_size", "token_count", "budget", "unit", "encoding", "algorithm",
			"over_budget", "header", "content");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static List<JsonNode> windows(String out) {
		List<JsonNode> windows = new ArrayList<>();
		out.lines().forEach((line) -> windows.add(JSON.readTree(line)));
		return windows;
	}

	private static String concatenated(List<JsonNode> windows) {
		StringBuilder text = new StringBuilder();
		windows.forEach((window) -> text.append(window.path("content").asString()));
		return text.toString();
	}

	@Test
	void windowsAreJsonLinesThatConcatenateToTheFile(@TempDir Path dir) throws Exception {
		Path file = Path.of(System.getProperty("user.dir"), "src", "main", "java", "dev", "chunker", "pack",
				"WindowPacker.java");
		String source = Files.readString(file);
		ChunkCommandTest.Run run = ChunkCommandTest.run("chunk", file.toString(), "--packed");
		assertThat(run.exit()).as(run.err()).isZero();
		List<JsonNode> windows = windows(run.out());
		assertThat(windows).isNotEmpty();
		assertThat(ChunkCommandTest.fieldNames(windows.getFirst())).containsExactlyElementsOf(FIELDS);
		assertThat(concatenated(windows)).isEqualTo(source);
		assertThat(windows).allSatisfy((window) -> {
			assertThat(window.path("nws_size").asInt()).isLessThanOrEqualTo(1500);
			assertThat(window.path("unit").asString()).isEqualTo("nws_chars");
			assertThat(window.path("header").asString()).contains("package: dev.chunker.pack");
		});

		// --view packed is the same as --packed.
		assertThat(ChunkCommandTest.run("chunk", file.toString(), "--view", "packed").out()).isEqualTo(run.out());
		assertThat(ChunkCommandTest.run("chunk", file.toString(), "--view", "windows").err()).contains("--view must be definitions or packed");
		ChunkCommandTest.Run small = ChunkCommandTest.run("chunk", file.toString(), "--packed", "--budget", "200");
		assertThat(windows(small.out()).size()).isGreaterThan(windows.size());
		assertThat(concatenated(windows(small.out()))).isEqualTo(source);

		ChunkCommandTest.Run tokens = ChunkCommandTest.run("chunk", file.toString(), "--packed", "--unit", "tokens",
				"--encoding", "o200k_base", "--budget", "100");
		assertThat(tokens.exit()).as(tokens.err()).isZero();
		assertThat(windows(tokens.out())).allSatisfy((window) -> {
			assertThat(window.path("token_count").asInt()).isLessThanOrEqualTo(100);
			assertThat(window.path("encoding").asString()).isEqualTo("o200k_base");
		});

		ChunkCommandTest.Run table = ChunkCommandTest.run("chunk", file.toString(), "--packed", "--format", "table");
		assertThat(table.exit()).isZero();
		assertThat(table.out()).contains("WINDOW ID").contains(windows.size() + " windows, java,");
	}

	@Test
	void badPackingFlagsExitTwoWithOneSentence(@TempDir Path dir) throws Exception {
		Path file = ChunkCommandTest.write(dir, "a.py", "x = 1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		ChunkCommandTest.Run unit = ChunkCommandTest.run("chunk", file.toString(), "--packed", "--unit", "words");
		assertThat(unit.exit()).isEqualTo(2);
		assertThat(unit.err()).contains("the budget unit must be nws_chars or tokens, not 'words'").doesNotContain("Exception");
		ChunkCommandTest.Run encoding = ChunkCommandTest.run("chunk", file.toString(), "--packed", "--encoding", "p50k");
		assertThat(encoding.exit()).isEqualTo(2);
		assertThat(encoding.err()).contains("the encoding must be one of cl100k_base, o200k_base, not 'p50k'");
		ChunkCommandTest.Run budget = ChunkCommandTest.run("chunk", file.toString(), "--packed", "--budget", "0");
		assertThat(budget.exit()).isEqualTo(2);
		assertThat(budget.err()).contains("the budget must be at least 1, not 0");
		ChunkCommandTest.Run definitions = ChunkCommandTest.run("chunk", file.toString(), "--budget", "100");
		assertThat(definitions.exit()).isEqualTo(2);
		assertThat(definitions.err()).contains("add --view packed");
	}

}
