package dev.chunker.query;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/** A database of its own for one test class: an H2 file in a temporary directory, or a new PostgreSQL database. */
interface TestDatabase extends AutoCloseable {

	/** The URL to pass to {@code --db}. */
	String url();

	/** A plain JDBC connection to it, for checking what the commands wrote. */
	Connection connect() throws SQLException;

	@Override
	void close() throws Exception;

	static TestDatabase h2(Path dir) {
		// The same settings as the commands use, so connections from the test join the database they opened.
		String url = "jdbc:h2:file:" + dir.resolve("index").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
		return new TestDatabase() {

			@Override
			public String url() {
				return url;
			}

			@Override
			public Connection connect() throws SQLException {
				return DriverManager.getConnection(url, "sa", "");
			}

			@Override
			public void close() {
			}

		};
	}

	/** A database {@code chunker_q_<random>} on the local server (trust authentication, user postgres), dropped on close. */
	static TestDatabase postgres() throws SQLException {
		String server = "jdbc:postgresql://127.0.0.1:5432/";
		byte[] random = new byte[6];
		new SecureRandom().nextBytes(random);
		String name = "chunker_q_" + HexFormat.of().formatHex(random);
		try (Connection admin = DriverManager.getConnection(server + "test", "postgres", "");
				Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		String url = server + name + "?user=postgres";
		return new TestDatabase() {

			@Override
			public String url() {
				return url;
			}

			@Override
			public Connection connect() throws SQLException {
				return DriverManager.getConnection(server + name, "postgres", "");
			}

			@Override
			public void close() throws SQLException {
				try (Connection admin = DriverManager.getConnection(server + "test", "postgres", "");
						Statement statement = admin.createStatement()) {
					statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
				}
			}

		};
	}

}
