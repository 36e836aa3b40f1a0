package dev.chunker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.chunker.store.SchemaVersion;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read-only commands open their database without a Spring context: the schema is checked by one query and
 * migrated by Flyway only when it is not current, so a new database and one of an older schema work as before, and a
 * database that cannot be opened is still one line.
 */
class QueryDatabaseTest {

	private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");

	@TempDir
	Path dir;

	@Test
	void theLatestVersionIsTheNewestMigration() throws IOException {
		int newest;
		try (Stream<Path> files = Files.walk(Path.of("db/migration"))) {
			newest = files.map((p) -> VERSION.matcher(p.getFileName().toString()))
				.filter(Matcher::matches)
				.mapToInt((m) -> Integer.parseInt(m.group(1)))
				.max()
				.orElseThrow();
		}
		assertThat(SchemaVersion.LATEST).isEqualTo(Integer.toString(newest));
	}

	@Test
	void aNewDatabaseIsMigratedAndThenOnlyChecked() throws Exception {
		String url = "jdbc:h2:file:" + this.dir.resolve("new");
		Result first = run("query", "--symbol", "anything", "--db", url);
		assertThat(first.code()).as(first.err()).isZero();
		assertThat(first.out()).contains("0 chunks");
		try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
			assertThat(SchemaVersion.isCurrent(connection)).isTrue();
		}
		Result again = run("show", "abcd", "--db", url);
		assertThat(again.err()).contains("abcd").doesNotContain("Exception");
	}

	@Test
	void anOlderSchemaIsMigratedByAReadOnlyCommand() throws Exception {
		String url = "jdbc:h2:file:" + this.dir.resolve("older");
		Flyway.configure()
			.dataSource(url, "sa", "")
			.locations("classpath:db/migration/common", "classpath:db/migration/h2")
			.target("9")
			.load()
			.migrate();
		try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
			assertThat(SchemaVersion.isCurrent(connection)).isFalse();
		}
		Result result = run("export", "--db", url);
		assertThat(result.code()).as(result.err()).isZero();
		try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
			assertThat(SchemaVersion.isCurrent(connection)).isTrue();
		}
	}

	@Test
	void anUnreachableServerIsOneLine() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		String url = "jdbc:postgresql://127.0.0.1:" + port + "/nothing";
		Result result = run("query", "--symbol", "x", "--db", url);
		assertThat(result.code()).isEqualTo(ChunkerCommand.FAILED);
		assertThat(result.err().strip()).startsWith("chunker: cannot open the database " + url + ":")
			.doesNotContain("\n")
			.doesNotContain("Exception");
	}

	private static Result run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int code = ChunkerCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
		return new Result(code, out.toString(), err.toString());
	}

	private record Result(int code, String out, String err) {
	}

}
