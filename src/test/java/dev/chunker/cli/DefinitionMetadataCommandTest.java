package dev.chunker.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Definition metadata through the commands on an embedded database: indexed, filtered by {@code query --has-doc},
 * {@code --no-has-doc} and {@code --returns}, shown by {@code show}, and read back from the index exactly as
 * {@code chunker chunk} computes it (the doc is cut from the stored span, the imports come from the file's row).
 */
class DefinitionMetadataCommandTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String JAVA = """
			package demo;

			import java.util.List;
			import java.util.Optional;

			public class Shelf {

				/**
				 * The books, in order.
				 * @return a list
				 */
				public List<String> books() {
					return List.of();
				}

				Optional<String> first(int from, String... names) {
					return Optional.empty();
				}

				/** Count. */
				@Deprecated
				protected static int count() {
					return 0;
				}
			}
			""";

	private static final String PYTHON = """
			import os

			@staticmethod
			def path(name: str, *parts: str) -> os.PathLike:
			    \"\"\"Joins the parts.

			    Like os.path.join.
			    \"\"\"
			    return os.path.join(name, *parts)
			""";

	@Test
	void metadataIsStoredFilteredAndShown(@TempDir Path dir) throws Exception {
		Path tree = dir.resolve("tree");
		Files.createDirectories(tree);
		Files.writeString(tree.resolve("Shelf.java"), JAVA);
		Files.writeString(tree.resolve("paths.py"), PYTHON);
		String db = "jdbc:h2:file:" + dir.resolve("db/index");
		assertThat(run("index", tree.toString(), "--db", db, "--repo", "shelf")).contains("indexed");

		assertThat(names(run("query", "--db", db, "--returns", "List", "--format", "jsonl"))).containsExactly("books");
		assertThat(names(run("query", "--db", db, "--returns", "Optional<String>", "--format", "jsonl"))).containsExactly("first");
		assertThat(names(run("query", "--db", db, "--returns", "Opt", "--format", "jsonl"))).isEmpty();
		assertThat(names(run("query", "--db", db, "--has-doc", "--format", "jsonl"))).containsExactly("books", "count", "path");
		assertThat(names(run("query", "--db", db, "--no-has-doc", "--format", "jsonl"))).containsExactly("Shelf", "first");

		// Stored and read back, the metadata is what the chunker computes.
		List<JsonNode> exported = lines(run("export", "--db", db));
		for (Path file : List.of(tree.resolve("Shelf.java"), tree.resolve("paths.py"))) {
			for (JsonNode chunk : lines(run("chunk", file.toString()))) {
				JsonNode stored = exported.stream().filter((e) -> e.get("qualified_name").equals(chunk.get("qualified_name"))
						&& e.get("byte_start").equals(chunk.get("byte_start"))).findFirst().orElseThrow();
				assertThat(stored.get("metadata")).as(chunk.get("name").asString()).isEqualTo(chunk.get("metadata"));
			}
		}
		JsonNode path = exported.stream().filter((e) -> e.get("name").asString().equals("path")).findFirst().orElseThrow();
		assertThat(path.get("metadata").get("doc").asString()).isEqualTo("Joins the parts.\n\nLike os.path.join.");
		assertThat(path.get("metadata").get("annotations").get(0).asString()).isEqualTo("@staticmethod");
		assertThat(path.get("metadata").get("imports").get(0).asString()).isEqualTo("import os");

		String books = lines(run("query", "--db", db, "--symbol", "books", "--format", "jsonl")).get(0).get("chunk_id").asString();
		String shown = run("show", books, "--db", db);
		assertThat(shown).contains("signature  public List<String> books()", "returns    List<String>",
				"modifiers  public", "doc        The books, in order.", "           @return a list", "imports    2",
				"  import java.util.Optional;");
	}

	private static List<String> names(String jsonl) {
		return lines(jsonl).stream().map((line) -> line.get("name").asString()).toList();
	}

	private static List<JsonNode> lines(String jsonl) {
		return jsonl.lines().filter((line) -> !line.isBlank()).map(JSON::readTree).toList();
	}

	private static String run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exit = ChunkerCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
		assertThat(exit).as("chunker %s: %s", String.join(" ", args), err).isZero();
		return out.toString();
	}

}
