package dev.chunker.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.Configuration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Keeps index databases made by earlier releases valid after a migration moved to {@code db/migration/common}.
 * Flyway checks the checksum of every applied migration against its file; {@code V2__index_tables.sql} was written
 * once per database until both became one file (the same tables, the chunk content {@code VARCHAR} on both), so a
 * database that applied one of the two old files holds that file's checksum. Before Flyway validates and migrates,
 * the checksum of an applied V2 is moved to the shared file's, but only when it is exactly one of the two old files'
 * checksums: any other mismatch (an edited migration) is still Flyway's error. It runs on a connection of its own
 * before Flyway takes any, so a context's pool needs no more connections than Flyway alone.
 */
public class MigrationChecksums implements FlywayMigrationStrategy {

	/** Version of the migration that moved into the shared folder. */
	static final String MOVED_VERSION = "2";

	/** The checksum of {@code db/migration/common/V2__index_tables.sql}, as Flyway computes it. */
	static final int SHARED_CHECKSUM = -772869426;

	/** The checksum of the earlier {@code db/migration/h2/V2__index_tables.sql}. */
	static final int EARLIER_H2_CHECKSUM = -1022284595;

	/** The checksum of the earlier {@code db/migration/postgresql/V2__index_tables.sql}. */
	static final int EARLIER_POSTGRESQL_CHECKSUM = 1521915270;

	@Override
	public void migrate(Flyway flyway) {
		realign(flyway.getConfiguration());
		flyway.migrate();
	}

	/** Moves an earlier release's V2 checksum, if the schema history holds one, to the shared file's. */
	static void realign(Configuration configuration) {
		String table = configuration.getTable();
		DataSource dataSource = configuration.getDataSource();
		try (Connection connection = dataSource.getConnection()) {
			if (!tableExists(connection, table)) {
				return;
			}
			try (PreparedStatement update = connection.prepareStatement("UPDATE \"" + table + "\" SET \"checksum\" = ? "
					+ "WHERE \"version\" = ? AND \"checksum\" IN (?, ?)")) {
				update.setInt(1, SHARED_CHECKSUM);
				update.setString(2, MOVED_VERSION);
				update.setInt(3, EARLIER_H2_CHECKSUM);
				update.setInt(4, EARLIER_POSTGRESQL_CHECKSUM);
				update.executeUpdate();
			}
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
		}
		catch (SQLException ex) {
			throw new FlywayException("cannot bring the checksum of migration V" + MOVED_VERSION + " up to date in "
					+ table + ": " + ex.getMessage(), ex);
		}
	}

	private static boolean tableExists(Connection connection, String table) throws SQLException {
		DatabaseMetaData meta = connection.getMetaData();
		try (ResultSet tables = meta.getTables(connection.getCatalog(), connection.getSchema(), table, null)) {
			return tables.next();
		}
	}

}
