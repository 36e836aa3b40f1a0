package dev.chunker.mcp;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/** {@code chunker mcp} on a PostgreSQL index: a database {@code chunker_mcp_<random>} on the local server, dropped after. */
class McpStdioPostgresTest extends AbstractMcpStdioTest {

	static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

	private String name = "";

	@Override
	String createDatabase(Path work) throws SQLException {
		byte[] random = new byte[6];
		new SecureRandom().nextBytes(random);
		this.name = "chunker_mcp_" + HexFormat.of().formatHex(random);
		execute("CREATE DATABASE " + this.name);
		return SERVER + this.name + "?user=postgres";
	}

	@Override
	void dropDatabase() throws SQLException {
		if (!this.name.isEmpty()) {
			execute("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
		}
	}

	private static void execute(String sql) throws SQLException {
		try (Connection admin = DriverManager.getConnection(SERVER + "test", "postgres", "");
				Statement statement = admin.createStatement()) {
			statement.execute(sql);
		}
	}

}
