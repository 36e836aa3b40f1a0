package dev.chunker.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.chunker.chunk.CodeChunk;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chunk rows written by {@link ChunkDao} come back exactly as given, on H2 (batched inserts) and on a real
 * PostgreSQL server (COPY in text format): text with every character COPY escapes, nulls, booleans, and a rollback
 * of the chunk transaction that takes the copied rows with it.
 */
class ChunkLoadTest {

	/** Tabs, newlines, carriage returns, backslashes (also before letters COPY reads as escapes), \N and NUL. */
	private static final String AWKWARD = "a\tb\nc\r\nd\\e \\N \\t\\n \\. \u0000 é 😀 \\";

	@Test
	void h2RowsComeBackExactly(@TempDir Path dir) {
		roundTrip("jdbc:h2:file:" + dir.resolve("index").toAbsolutePath(), "sa", "h2");
	}

	@Test
	void postgresqlCopiedRowsComeBackExactlyAndRollBackWithTheTransaction() throws SQLException {
		String server = "jdbc:postgresql://127.0.0.1:5432/";
		String name = "chunker_copy_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection admin = DriverManager.getConnection(server + "test", "postgres", "");
				Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		try {
			roundTrip(server + name, "postgres", "postgresql");
		}
		finally {
			try (Connection admin = DriverManager.getConnection(server + "test", "postgres", "");
					Statement statement = admin.createStatement()) {
				statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			}
		}
	}

	private static void roundTrip(String url, String user, String vendor) {
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration/common",
				"classpath:db/migration/" + vendor).load().migrate();
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url, user, "");
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		jdbc.update("INSERT INTO repositories (name, root_path, created_at) VALUES ('r', '/r', ?)",
				java.sql.Timestamp.from(Instant.now()));
		long repoId = jdbc.queryForObject("SELECT repo_id FROM repositories WHERE name = 'r'", Long.class);
		ChunkDao chunks = new ChunkDao(jdbc);
		List<CodeChunk> written = List.of(chunk("one", AWKWARD, "n\tame\\", null, true),
				chunk("two", "plain", null, "one", false));

		tx.executeWithoutResult((status) -> chunks.insertNewFileChunks(repoId, 7, written));
		// Chunk rows carry no text (it is a span of the file's stored content).
		List<String> stored = jdbc.query("SELECT chunk_id, name, content IS NULL, parent_chunk_id, has_error, ordinal, run_id "
				+ "FROM chunks ORDER BY ordinal", (rs, i) -> rs.getString(1).strip() + "|" + rs.getString(2) + "|"
						+ rs.getBoolean(3) + "|" + rs.getString(4) + "|" + rs.getBoolean(5) + "|" + rs.getInt(6) + "|"
						+ rs.getLong(7));
		assertThat(stored).containsExactly(
				id("one") + "|n\tame\\|true|null|true|0|7",
				id("two") + "|null|true|" + id("one") + "|false|1|7");
		if (vendor.equals("postgresql")) {
			// The words of the awkward text went through COPY's escapes into the vector.
			assertThat(jdbc.queryForList("SELECT chunk_id FROM chunks WHERE search_vector @@ to_tsquery('simple', 'é & ame & n')",
					String.class)).containsExactly(id("one"));
		}

		// Rolled back with the chunk transaction: no row of the failed file stays.
		tx.executeWithoutResult((status) -> {
			chunks.insertNewFileChunks(repoId, 8, List.of(chunk("three", "x", "three", null, false)));
			status.setRollbackOnly();
		});
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM chunks", Long.class)).isEqualTo(2);
	}

	private static CodeChunk chunk(String key, String content, String name, String parent, boolean hasError) {
		return new CodeChunk("dir/f.py", "python", "function_definition", name, name, (parent != null) ? id(parent) : null,
				1, 2, 0, content.length(), content, id(key), id("file"), id("def" + key), id("hash" + key), hasError, 0, 1, null);
	}

	/** A 40-character id made of the key. */
	private static String id(String key) {
		return (key + "0".repeat(40)).substring(0, 40);
	}

}
