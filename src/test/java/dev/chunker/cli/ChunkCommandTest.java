package dev.chunker.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.chunker.chunk.ChunkInvariants;
import dev.chunker.chunk.CodeChunk;
import dev.chunker.chunk.FileChunks;
import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code chunker chunk} and {@code chunker languages}: output format, field names and exit codes. */
class ChunkCommandTest {

	private static final List<String> FIELDS = List.of("file_path", "language", "node_type", "name", "qualified_name",
			"parent_chunk_id", "start_line", "end_line", "byte_start", "byte_end", "content", "chunk_id", "file_id",
			"definition_id", "content_hash", "has_error", "part_index", "part_count", "metadata");

	private static final List<String> LANGUAGES = List.of("bash", "c", "c_sharp", "cpp", "css", "dart", "elixir", "elm",
			"go", "haskell", "hcl", "html", "java", "javascript", "julia", "kotlin", "lua", "make", "markdown", "objc",
			"ocaml", "ocaml_interface", "perl", "php", "powershell", "python", "r", "ruby", "rust", "scala", "svelte",
			"swift", "toml", "tsx", "typescript", "vue", "yaml", "zig");

	private static final String SOURCE = """
			# Greets.
			class Greeter:
			    def hello(self, name):
			        return "h\u00e9llo " + name
			""";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	record Run(int exit, String out, String err) {
	}

	static Run run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exit = ChunkerCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
		return new Run(exit, out.toString(), err.toString());
	}

	static Path write(Path dir, String name, byte[] bytes) throws Exception {
		Path file = dir.resolve(name);
		Files.createDirectories(file.getParent());
		return Files.write(file, bytes);
	}

	static List<String> fieldNames(JsonNode node) {
		List<String> names = new ArrayList<>();
		node.propertyNames().forEach(names::add);
		return names;
	}

	@Test
	void jsonlHasExactlyTheContractFields(@TempDir Path dir) throws Exception {
		byte[] bytes = SOURCE.getBytes(StandardCharsets.UTF_8);
		Path file = write(dir, "pkg/greeter.py", bytes);
		Run run = run("chunk", file.toString());
		assertThat(run.exit()).as(run.err()).isZero();
		assertThat(run.err()).isEmpty();
		List<String> lines = run.out().lines().toList();
		assertThat(lines).hasSize(2);

		FileChunks expected;
		try (ChunkerRuntime runtime = ChunkerSettings.defaults().newChunkerRuntime()) {
			expected = runtime.chunker().chunk(file, file.toString(), null);
		}
		List<CodeChunk> parsed = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			JsonNode node = JSON.readTree(lines.get(i));
			assertThat(fieldNames(node)).containsExactlyElementsOf(FIELDS);
			CodeChunk want = expected.chunks().get(i);
			assertThat(node.get("file_path").asString()).isEqualTo(file.toString());
			assertThat(node.get("language").asString()).isEqualTo("python");
			assertThat(node.get("start_line").isInt()).isTrue();
			assertThat(node.get("has_error").isBoolean()).isTrue();
			assertThat(node.get("chunk_id").asString()).isEqualTo(want.chunkId()).matches("[0-9a-f]{40}");
			parsed.add(ChunkJson.mapper().treeToValue(node, CodeChunk.class));
		}
		JsonNode cls = JSON.readTree(lines.get(0));
		assertThat(cls.get("parent_chunk_id").isNull()).isTrue();
		assertThat(cls.get("qualified_name").asString()).isEqualTo("Greeter");
		assertThat(cls.get("content").asString()).startsWith("# Greets.\nclass Greeter:");
		JsonNode method = JSON.readTree(lines.get(1));
		assertThat(method.get("qualified_name").asString()).isEqualTo("Greeter.hello");
		assertThat(method.get("parent_chunk_id").asString()).isEqualTo(cls.get("chunk_id").asString());
		assertThat(method.get("content").asString()).contains("h\u00e9llo");
		assertThat(method.get("part_index").asInt()).isZero();
		assertThat(method.get("part_count").asInt()).isEqualTo(1);
		// The JSON lines carry exactly what the API returns, and are valid chunks of the file.
		assertThat(parsed).isEqualTo(expected.chunks());
		ChunkInvariants.assertChunks(bytes, parsed);
	}

	@Test
	void jsonAndTableFormats(@TempDir Path dir) throws Exception {
		Path file = write(dir, "greeter.py", SOURCE.getBytes(StandardCharsets.UTF_8));
		Run json = run("chunk", file.toString(), "--format", "json");
		assertThat(json.exit()).isZero();
		JsonNode array = JSON.readTree(json.out());
		assertThat(array.isArray()).isTrue();
		assertThat(array.size()).isEqualTo(2);
		assertThat(fieldNames(array.get(0))).containsExactlyElementsOf(FIELDS);

		Run table = run("chunk", file.toString(), "--format", "table");
		assertThat(table.exit()).isZero();
		assertThat(table.out()).contains("TYPE", "QUALIFIED NAME", "Greeter.hello", "3-4")
			.contains("2 chunks, python, " + SOURCE.getBytes(StandardCharsets.UTF_8).length + " bytes");
	}

	@Test
	void explicitLanguageOverridesDetection(@TempDir Path dir) throws Exception {
		Path file = write(dir, "notes.txt", "def f():\n    pass\n".getBytes(StandardCharsets.UTF_8));
		Run refused = run("chunk", file.toString());
		assertThat(refused.exit()).isEqualTo(1);
		assertThat(refused.err()).contains("[unsupported_language]");
		Run forced = run("chunk", file.toString(), "--language", "python");
		assertThat(forced.exit()).isZero();
		assertThat(forced.out()).contains("\"node_type\":\"function_definition\"");
	}

	@Test
	void failuresExitOneWithTheReason(@TempDir Path dir) throws Exception {
		Path binary = write(dir, "blob.py", new byte[] { 'x', 0, 1, 2, 0 });
		Run run = run("chunk", binary.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).isEmpty();
		assertThat(run.err()).contains(binary.toString()).contains("[binary]");

		Run missing = run("chunk", dir.resolve("missing.py").toString());
		assertThat(missing.exit()).isEqualTo(1);
		assertThat(missing.err()).contains("no such file");

		Run directory = run("chunk", dir.toString());
		assertThat(directory.exit()).isEqualTo(1);
		assertThat(directory.err()).contains("[not_regular_file]");
	}

	@Test
	void badUsageExitsTwo(@TempDir Path dir) throws Exception {
		Path file = write(dir, "greeter.py", SOURCE.getBytes(StandardCharsets.UTF_8));
		Run format = run("chunk", file.toString(), "--format", "xml");
		assertThat(format.exit()).isEqualTo(2);
		assertThat(format.err()).contains("--format").contains("xml");
		assertThat(format.out()).isEmpty();

		Run language = run("chunk", file.toString(), "--language", "cobol");
		assertThat(language.exit()).isEqualTo(2);
		assertThat(language.err()).contains("unknown language 'cobol'");

		assertThat(run("chunk", file.toString(), "--no-such-option").exit()).isEqualTo(2);
		assertThat(run("chunk").exit()).isEqualTo(2);
		assertThat(run().exit()).isEqualTo(2);
		assertThat(run("no-such-command").exit()).isEqualTo(2);
	}

	@Test
	void languagesListsAllWithVersions() {
		Run run = run("languages");
		assertThat(run.exit()).isZero();
		List<String> rows = run.out().lines().skip(1).toList();
		assertThat(rows).extracting((row) -> row.split("\\s+")[0]).containsExactlyElementsOf(LANGUAGES);
		Pattern version = Pattern.compile("\\s(@?[a-z-]+/)?tree-sitter-[a-z-]+@\\d+\\.\\d+\\.\\d+\\s+1[3-5]\\s");
		assertThat(rows).allSatisfy((row) -> assertThat(version.matcher(row).find()).as(row).isTrue());
		assertThat(rows).anySatisfy((row) -> assertThat(row).startsWith("python").contains(".py").contains("function_definition"));
		assertThat(rows).anySatisfy((row) -> assertThat(row).startsWith("cpp").contains(".hpp").contains("class_specifier*"));
		assertThat(rows).anySatisfy((row) -> assertThat(row).startsWith("lua")
			.contains("@tree-sitter-grammars/tree-sitter-lua@0.4.1").contains(" 15 ").contains(".lua"));
	}

}
