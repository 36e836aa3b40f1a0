package dev.chunker.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Keeps index databases made by earlier releases valid after a migration moved to {@code db/migration/common}.
 * Flyway checks the checksum of every applied migration against its file; {@code V2__index_tables.sql} was written
 * once per database until both became one file (the same tables, the chunk content {@code VARCHAR} on both), so a
 * database that applied one of the two old files holds that file's checksum. Before validating, the checksum of an
 * applied V2 is moved to the shared file's, but only when it is exactly one of the two old files' checksums: any
 * other mismatch (an edited migration) is still Flyway's error.
 */
public class MigrationChecksums implements Callback {

	/** Version of the migration that moved into the shared folder. */
	static final String MOVED_VERSION = "2";

	/** The checksum of {@code db/migration/common/V2__index_tables.sql}, as Flyway computes it. */
	static final int SHARED_CHECKSUM = -772869426;

	/** The checksum of the earlier {@code db/migration/h2/V2__index_tables.sql}. */
	static final int EARLIER_H2_CHECKSUM = -1022284595;

	/** The checksum of the earlier {@code db/migration/postgresql/V2__index_tables.sql}. */
	static final int EARLIER_POSTGRESQL_CHECKSUM = 1521915270;

	@Override
	public boolean supports(Event event, Context context) {
		return event == Event.BEFORE_VALIDATE || event == Event.BEFORE_MIGRATE;
	}

	@Override
	public boolean canHandleInTransaction(Event event, Context context) {
		return true;
	}

	@Override
	public void handle(Event event, Context context) {
		String table = context.getConfiguration().getTable();
		try {
			Connection connection = context.getConnection();
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

	@Override
	public String getCallbackName() {
		return "chunker-migration-checksums";
	}

}
