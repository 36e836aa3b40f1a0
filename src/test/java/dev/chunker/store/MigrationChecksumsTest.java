package dev.chunker.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Index databases made before V2 moved to {@code db/migration/common} hold the checksum of their vendor's old file:
 * they must still open (and migrate on), on H2 and on a real PostgreSQL server, while any other checksum mismatch is
 * still refused.
 */
class MigrationChecksumsTest {

	@Test
	void h2DatabaseOfAnEarlierReleaseOpensAndOnlyThatChecksumIsForgiven(@TempDir Path dir) throws SQLException {
		String url = "jdbc:h2:file:" + dir.resolve("index").toAbsolutePath();
		checkAgainst(url, "sa", "h2", MigrationChecksums.EARLIER_H2_CHECKSUM);
	}

	@Test
	void postgresqlDatabaseOfAnEarlierReleaseOpensAndOnlyThatChecksumIsForgiven() throws SQLException {
		String server = "jdbc:postgresql://127.0.0.1:5432/";
		String name = "chunker_mig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection admin = DriverManager.getConnection(server + "test", "postgres", "");
				Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		try {
			checkAgainst(server + name, "postgres", "postgresql", MigrationChecksums.EARLIER_POSTGRESQL_CHECKSUM);
		}
		finally {
			try (Connection admin = DriverManager.getConnection(server + "test", "postgres", "");
					Statement statement = admin.createStatement()) {
				statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			}
		}
	}

	private static void checkAgainst(String url, String user, String vendor, int earlierChecksum) throws SQLException {
		// A fresh database stores the shared file's checksum: the constant the strategy writes is the right one.
		new MigrationChecksums().migrate(flyway(url, user, vendor));
		assertThat(storedChecksum(url, user)).isEqualTo(MigrationChecksums.SHARED_CHECKSUM);

		// As an earlier release left it: Flyway alone refuses it, the strategy realigns exactly that checksum.
		setStoredChecksum(url, user, earlierChecksum);
		assertThatThrownBy(() -> flyway(url, user, vendor).migrate()).isInstanceOf(FlywayException.class)
			.hasMessageContaining("checksum");
		new MigrationChecksums().migrate(flyway(url, user, vendor));
		assertThat(storedChecksum(url, user)).isEqualTo(MigrationChecksums.SHARED_CHECKSUM);

		// An edited migration is not an earlier release's file: still Flyway's error.
		setStoredChecksum(url, user, 12345);
		assertThatThrownBy(() -> new MigrationChecksums().migrate(flyway(url, user, vendor)))
			.isInstanceOf(FlywayException.class)
			.hasMessageContaining("checksum");
		assertThat(storedChecksum(url, user)).as("an unknown checksum is left alone").isEqualTo(12345);
	}

	private static Flyway flyway(String url, String user, String vendor) {
		return Flyway.configure()
			.dataSource(url, user, "")
			.locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
			.load();
	}

	private static int storedChecksum(String url, String user) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, user, "");
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(
						"SELECT \"checksum\" FROM \"flyway_schema_history\" WHERE \"version\" = '" + MigrationChecksums.MOVED_VERSION + "'")) {
			assertThat(rs.next()).isTrue();
			return rs.getInt(1);
		}
	}

	private static void setStoredChecksum(String url, String user, int checksum) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, user, "");
				Statement statement = connection.createStatement()) {
			statement.executeUpdate("UPDATE \"flyway_schema_history\" SET \"checksum\" = " + checksum + " WHERE \"version\" = '"
					+ MigrationChecksums.MOVED_VERSION + "'");
		}
	}

}
