package dev.chunker.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A database that cannot be reached or named is one line on standard error, never a stack trace. */
class DatabaseErrorsTest {

	@TempDir
	Path dir;

	@Test
	void unreachableDatabaseIsOneLineAndExitOne() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		// The port was free a moment ago and nothing listens on it now: the connection is refused.
		String url = "jdbc:postgresql://127.0.0.1:" + port + "/nothing";
		Result result = run("index", this.dir.toString(), "--db", url);
		assertThat(result.code()).isEqualTo(ChunkerCommand.FAILED);
		assertThat(result.err().strip()).startsWith("chunker: cannot open the database " + url + ":")
			.doesNotContain("\n")
			.doesNotContain("Exception");
		assertThat(result.out()).doesNotContain("\tat ");
	}

	@Test
	void unsupportedDatabaseUrlIsBadUsage() {
		Result result = run("jobs", "--db", "jdbc:mysql://localhost/x");
		assertThat(result.code()).isEqualTo(ChunkerCommand.USAGE);
		assertThat(result.err().strip()).isEqualTo(
				"chunker: --db must be a jdbc:h2: or jdbc:postgresql: URL, not 'jdbc:mysql://localhost/x'");
	}

	private static Result run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int code = ChunkerCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
		return new Result(code, out.toString(), err.toString());
	}

	private record Result(int code, String out, String err) {
	}

}
