package dev.chunker.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real H2 file made mostly dead by commits that replace its rows is rewritten to a fraction of its size with every
 * live row intact; a small or mostly live file is left alone.
 */
class H2FileCompactionTest {

	@Test
	void aMostlyDeadFileIsRewrittenAndKeepsItsRows(@TempDir Path dir) throws Exception {
		String url = "jdbc:h2:file:" + dir.resolve("index").toAbsolutePath() + ";WRITE_DELAY=0";
		Path file = dir.resolve("index.mv.db");
		try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE t (id INT PRIMARY KEY, payload VARBINARY)");
			}
			// Commit after commit rewrites the same rows: the file grows, its live part does not.
			byte[] payload = new byte[4096];
			try (PreparedStatement merge = connection.prepareStatement("MERGE INTO t KEY (id) VALUES (?, ?)")) {
				for (int round = 0; round < 40 && sizeOf(file) < 3 * H2FileCompaction.MIN_FILE_BYTES; round++) {
					for (int id = 0; id < 1000; id++) {
						payload[0] = (byte) round;
						payload[1] = (byte) id;
						merge.setInt(1, id);
						merge.setBytes(2, payload);
						merge.executeUpdate();
					}
				}
			}
			assertThat(sizeOf(file)).isGreaterThan(H2FileCompaction.MIN_FILE_BYTES);
			JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
			long before = sizeOf(file);
			assertThat(new H2FileCompaction(jdbc).compactIfMostlyDead()).hasValue(before);
		}
		assertThat(sizeOf(file)).isPositive().isLessThan(H2FileCompaction.MIN_FILE_BYTES / 2);
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				Statement statement = connection.createStatement();
				var rs = statement.executeQuery("SELECT COUNT(*), MIN(LENGTH(payload)) FROM t")) {
			rs.next();
			assertThat(rs.getLong(1)).isEqualTo(1000);
			assertThat(rs.getLong(2)).isEqualTo(4096);
			// Now small and live: left alone.
			JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
			assertThat(new H2FileCompaction(jdbc).compactIfMostlyDead()).isEmpty();
		}
	}

	private static long sizeOf(Path file) throws java.io.IOException {
		return Files.exists(file) ? Files.size(file) : 0;
	}

}
