package dev.chunker.mcp;

import java.nio.file.Path;

/** {@code chunker mcp} on an H2 file index. */
class McpStdioH2Test extends AbstractMcpStdioTest {

	@Override
	String createDatabase(Path work) {
		// AUTO_SERVER: the command line reads the file while the server holds it (as an indexer beside it would).
		return "jdbc:h2:file:" + work.resolve("index") + ";AUTO_SERVER=TRUE";
	}

	@Override
	void dropDatabase() {
	}

}
