package dev.chunker.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The schema version this build's migrations end at, and whether a database is there already. A read-only command
 * asks this (one query) instead of letting Flyway scan, validate and migrate (a fifth of a second of start-up);
 * when the answer is no, the command migrates as the job does.
 */
public final class SchemaVersion {

	/** The version of the newest migration under {@code db/migration} (a test keeps the two the same). */
	public static final String LATEST = "10";

	/** Flyway's schema history table (its default name). */
	static final String HISTORY_TABLE = "flyway_schema_history";

	private SchemaVersion() {
	}

	/** Whether the schema history records {@link #LATEST} as applied and no migration as failed. */
	public static boolean isCurrent(Connection connection) throws SQLException {
		if (!historyExists(connection)) {
			return false;
		}
		try (PreparedStatement query = connection.prepareStatement("SELECT "
				+ "SUM(CASE WHEN \"version\" = ? AND \"success\" THEN 1 ELSE 0 END), "
				+ "SUM(CASE WHEN \"success\" THEN 0 ELSE 1 END) FROM \"" + HISTORY_TABLE + "\"");) {
			query.setString(1, LATEST);
			try (ResultSet row = query.executeQuery()) {
				return row.next() && row.getLong(1) == 1 && row.getLong(2) == 0;
			}
		}
	}

	private static boolean historyExists(Connection connection) throws SQLException {
		DatabaseMetaData meta = connection.getMetaData();
		try (ResultSet tables = meta.getTables(connection.getCatalog(), connection.getSchema(), HISTORY_TABLE, null)) {
			return tables.next();
		}
	}

}
