package dev.chunker.job;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A PostgreSQL server of the test's own, that the test stops and starts: {@code initdb} into a temporary folder
 * (trust authentication), {@code pg_ctl} on a free port with the socket in that folder. Run as user
 * {@code postgres} when the tests run as root (the server refuses root). Skipped when no PostgreSQL binaries exist.
 */
final class PrivatePostgres implements AutoCloseable {

	private final Path bin;

	private final Path home;

	private final List<String> prefix;

	private final int port;

	private PrivatePostgres(Path bin, Path home, List<String> prefix, int port) {
		this.bin = bin;
		this.home = home;
		this.prefix = prefix;
		this.port = port;
	}

	/** Creates and starts a server. */
	static PrivatePostgres start() throws IOException, InterruptedException {
		Optional<Path> bin = binaries();
		assumeTrue(bin.isPresent(), "no PostgreSQL binaries under /usr/lib/postgresql/*/bin");
		Path home = Files.createTempDirectory(Path.of("/tmp"), "chunker-pg-");
		List<String> prefix = new ArrayList<>();
		if ("root".equals(System.getProperty("user.name"))) {
			UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
			Files.setOwner(home, users.lookupPrincipalByName("postgres"));
			prefix.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"));
		}
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		PrivatePostgres server = new PrivatePostgres(bin.get(), home, prefix, port);
		server.run("initdb", "-D", server.data(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
		server.startServer();
		return server;
	}

	private static Optional<Path> binaries() throws IOException {
		Path root = Path.of("/usr/lib/postgresql");
		if (!Files.isDirectory(root)) {
			return Optional.empty();
		}
		try (Stream<Path> versions = Files.list(root)) {
			return versions.map((v) -> v.resolve("bin")).filter((b) -> Files.isExecutable(b.resolve("pg_ctl")))
				.max(Comparator.naturalOrder());
		}
	}

	private String data() {
		return this.home.resolve("data").toString();
	}

	/** Starts the (stopped) server on its port and waits until it accepts connections. */
	void startServer() throws IOException, InterruptedException {
		run("pg_ctl", "-D", data(), "-l", this.home.resolve("server.log").toString(), "-w", "-o",
				"-p " + this.port + " -k " + this.home + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
	}

	/** Stops the server at once, as a crash or a failover would (connections are cut, nothing is flushed politely). */
	void stopImmediately() throws IOException, InterruptedException {
		run("pg_ctl", "-D", data(), "-m", "immediate", "-w", "stop");
	}

	/** Creates a database and returns its JDBC URL. */
	String createDatabase(String name) throws SQLException {
		try (Connection admin = DriverManager.getConnection(url("postgres"));
				Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		return url(name);
	}

	/** Runs statements on the server's {@code postgres} database (e.g. {@code CREATE TABLESPACE}, outside a transaction). */
	void execute(String... sql) throws SQLException {
		try (Connection admin = DriverManager.getConnection(url("postgres"));
				Statement statement = admin.createStatement()) {
			for (String one : sql) {
				statement.execute(one);
			}
		}
	}

	/** What the server has logged so far. */
	String log() throws IOException {
		Path log = this.home.resolve("server.log");
		return Files.isRegularFile(log) ? Files.readString(log) : "";
	}

	String url(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database + "?user=postgres";
	}

	private void run(String tool, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(this.prefix);
		command.add(this.bin.resolve(tool).toString());
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
		}
	}

	@Override
	public void close() throws IOException, InterruptedException {
		try {
			stopImmediately();
		}
		catch (IllegalStateException ex) {
			// already stopped
		}
		try (Stream<Path> files = Files.walk(this.home)) {
			files.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
		}
	}

}
