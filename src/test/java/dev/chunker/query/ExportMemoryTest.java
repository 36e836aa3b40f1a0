package dev.chunker.query;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code chunker export} streams: a database holding twice as much chunk content as the exporting JVM's whole heap
 * is exported completely by a child JVM started with {@code -Xmx64m}.
 */
class ExportMemoryTest {

	static final int CHUNKS = 30_000;

	/** Characters of content per chunk: 30,000 chunks carry about 120 MB. */
	static final int CONTENT = 4_000;

	static final String HEAP = "-Xmx64m";

	@TempDir
	Path dir;

	@Test
	void exportsMoreThanTheHeapFromH2() throws Exception {
		try (TestDatabase database = TestDatabase.h2(this.dir)) {
			fill(database, "SYSTEM_RANGE(1, " + CHUNKS + ") AS g", "g.X", "CAST(g.X AS VARCHAR)");
			exportInSmallHeap(database);
		}
	}

	@Test
	void exportsMoreThanTheHeapFromPostgres() throws Exception {
		try (TestDatabase database = TestDatabase.postgres()) {
			fill(database, "generate_series(1, " + CHUNKS + ") AS g(x)", "g.x", "CAST(g.x AS VARCHAR)");
			exportInSmallHeap(database);
		}
	}

	/** Creates the tables (through a command) and fills them with one repository of synthetic chunks. */
	private static void fill(TestDatabase database, String generator, String number, String text) throws Exception {
		assertThat(AbstractQueryTest.cli("query", "--db", database.url(), "--limit", "1").code()).isZero();
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("INSERT INTO repositories (name, root_path, created_at) VALUES ('big', '/big', CURRENT_TIMESTAMP)");
			String id = "LPAD(" + text + ", 40, '0')";
			statement.execute("INSERT INTO chunks (repo_id, chunk_id, file_path, file_id, language, node_type, name, "
					+ "qualified_name, parent_chunk_id, start_line, end_line, byte_start, byte_end, content, definition_id, "
					+ "content_hash, has_error, part_index, part_count, ordinal, run_id) "
					+ "SELECT (SELECT repo_id FROM repositories WHERE name = 'big'), " + id + ", "
					+ "'src/f' || LPAD(CAST(" + number + " / 100 AS VARCHAR), 4, '0') || '.py', " + id + ", 'python', "
					+ "'function_definition', 'f' || " + text + ", 'f' || " + text + ", NULL, 1, 10, "
					+ "MOD(" + number + ", 100) * " + CONTENT + ", MOD(" + number + ", 100) * " + CONTENT + " + " + CONTENT + ", "
					+ "REPEAT('abc ', " + (CONTENT / 4) + "), " + id + ", " + id + ", FALSE, 0, 1, MOD(" + number + ", 100), 1 "
					+ "FROM " + generator);
		}
	}

	private void exportInSmallHeap(TestDatabase database) throws Exception {
		Path output = this.dir.resolve("big.jsonl");
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				HEAP, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
				"dev.chunker.ChunkerApplication", "export", "--db", database.url(), "--output", output.toString()));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("export.log").toFile())
			.start();
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("export finishes").isTrue();
		String log = Files.readString(this.dir.resolve("export.log"));
		assertThat(process.exitValue()).as(log).isZero();
		assertThat(log).contains("exported " + CHUNKS + " chunks");
		assertThat(Files.size(output)).as("more than the heap").isGreaterThan(2L * 64 * 1024 * 1024);
		long lines = 0;
		String previous = "";
		try (BufferedReader reader = Files.newBufferedReader(output, StandardCharsets.UTF_8)) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				lines++;
				if (lines % 997 == 1) {
					JsonNode chunk = AbstractQueryTest.JSON.readTree(line);
					assertThat(chunk.get("content").asString()).hasSize(CONTENT);
					assertThat(chunk.get("repo").asString()).isEqualTo("big");
					String key = chunk.get("file_path").asString() + String.format("%08d", chunk.get("byte_start").asInt());
					assertThat(key).as("repository, path, position order").isGreaterThan(previous);
					previous = key;
				}
			}
		}
		assertThat(lines).isEqualTo(CHUNKS);
	}

}
