package dev.chunker.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.OptionalLong;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.chunker.store.H2FileCompaction;
import dev.chunker.store.H2FileUrl;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * After a run on an embedded H2 file database (this process its only user), rewrites the file when it is mostly dead
 * space (see {@link H2FileCompaction}). Skipped for server and in-memory URLs and with {@code AUTO_SERVER}, where
 * other processes may have the database open. Must be the last use of the context's database.
 */
final class EmbeddedFileCompaction {

	private EmbeddedFileCompaction() {
	}

	static void afterRun(ConfigurableApplicationContext context, String url, PrintWriter out) {
		Path file = embeddedFile(url);
		if (file == null || !(context.getBean(DataSource.class) instanceof HikariDataSource pool)) {
			return;
		}
		// The pool goes first, so the database closes; it is then opened once more on a connection of its own, which
		// the compaction closes (a pooled connection would outlive the database it belongs to).
		String jdbcUrl = pool.getJdbcUrl();
		String user = pool.getUsername();
		String password = pool.getPassword();
		pool.close();
		long started = System.nanoTime();
		OptionalLong before;
		try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
			before = new H2FileCompaction(new JdbcTemplate(new SingleConnectionDataSource(connection, true)))
				.compactIfMostlyDead();
		}
		catch (SQLException ex) {
			// Closing a connection of a database that shut down: nothing to do.
			return;
		}
		if (before.isPresent()) {
			long after = Files.isRegularFile(file) ? file.toFile().length() : -1;
			out.printf(Locale.ROOT, "  database file compacted from %.1f MB to %.1f MB in %.1f s%n", before.getAsLong() / 1e6,
					after / 1e6, (System.nanoTime() - started) / 1e9);
			out.flush();
		}
	}

	/** The {@code .mv.db} file of an embedded H2 URL that only this process opens, else null. */
	static @Nullable Path embeddedFile(String url) {
		return H2FileUrl.shared(url) ? null : H2FileUrl.databaseFile(url).orElse(null);
	}

}
