package dev.chunker.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.chunker.chunk.ChunkIds;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored contents on H2 and a real PostgreSQL server: stored once however often they are stored, and an orphan
 * sweep that meets a run pointing a file at the content in the same moment waits for it and leaves the content, so
 * no file row ever points at a deleted content.
 */
class ContentDaoTest {

	private static final byte[] BYTES = "def f():\n    return 1\n".getBytes(StandardCharsets.UTF_8);

	private static final String HASH = ChunkIds.contentHash(BYTES, 0, BYTES.length);

	@Test
	void h2(@TempDir Path dir) throws Exception {
		check("jdbc:h2:file:" + dir.resolve("index").toAbsolutePath(), "sa", "h2");
	}

	@Test
	void postgresql() throws Exception {
		String server = "jdbc:postgresql://127.0.0.1:5432/";
		String name = "chunker_contents_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection admin = DriverManager.getConnection(server + "test", "postgres", "");
				Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		try {
			check(server + name, "postgres", "postgresql");
		}
		finally {
			try (Connection admin = DriverManager.getConnection(server + "test", "postgres", "");
					Statement statement = admin.createStatement()) {
				statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			}
		}
	}

	private static void check(String url, String user, String vendor) throws Exception {
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration/common",
				"classpath:db/migration/" + vendor).load().migrate();
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url, user, "");
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		ContentDao contents = new ContentDao(jdbc);
		jdbc.update("INSERT INTO repositories (name, root_path, created_at) VALUES ('r', '/r', ?)",
				Timestamp.from(Instant.now()));
		long repoId = jdbc.queryForObject("SELECT repo_id FROM repositories WHERE name = 'r'", Long.class);

		// Stored twice, in two transactions: one row.
		tx.executeWithoutResult((status) -> contents.store(HASH, BYTES));
		tx.executeWithoutResult((status) -> contents.store(HASH, BYTES));
		assertThat(contents.totals()).isEqualTo(new ContentDao.Totals(1, BYTES.length));
		assertThat(contents.orphans()).containsExactly(HASH);

		// A run stores the (orphaned) content again and points a file at it; the sweep comes while its transaction
		// is open: it waits, then finds the content in use and leaves it.
		CompletableFuture<Boolean> sweep = new CompletableFuture<>();
		TransactionTemplate sweepOne = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		sweepOne.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		tx.executeWithoutResult((status) -> {
			contents.store(HASH, BYTES);
			new FileDao(jdbc).writeIndexed(repoId, 1, "f.py", "0".repeat(40), "python", BYTES.length, 0, HASH, "rules",
					FileChange.NEW, 1, null);
			CompletableFuture.runAsync(() -> sweep.complete(sweepOne.execute((inner) -> contents.deleteIfOrphan(HASH))))
				.exceptionally((ex) -> {
					sweep.completeExceptionally(ex);
					return null;
				});
			pause(500);
			assertThat(sweep).as("the sweep waits for the run's transaction").isNotDone();
		});
		assertThat(sweep.get(30, TimeUnit.SECONDS)).as("deleted").isFalse();
		assertThat(contents.orphans()).isEmpty();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM files f JOIN contents ct "
				+ "ON ct.content_hash = f.stored_content_hash", Long.class)).isOne();

		// Once no file points at it, it goes.
		jdbc.update("DELETE FROM files");
		Boolean deleted = sweepOne.execute((status) -> contents.deleteIfOrphan(HASH));
		assertThat(deleted).isTrue();
		assertThat(contents.totals()).isEqualTo(new ContentDao.Totals(0, 0));
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
