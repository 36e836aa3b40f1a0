package dev.chunker.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Databases, repositories and child processes for the scheduling, lock and shutdown tests. */
final class ScheduleTestSupport {

	private ScheduleTestSupport() {
	}

	/** A database of its own: an H2 file several processes can open at once, or a new PostgreSQL database. */
	interface Db extends AutoCloseable {

		/** The JDBC URL for {@code --db} and job definitions. */
		String url();

		/** The user the commands connect as. */
		String user();

		JdbcTemplate jdbc();

		@Override
		void close() throws SQLException;

	}

	static Db db(String kind, Path dir) throws SQLException {
		return switch (kind) {
			case "postgresql" -> postgres();
			case "h2-server" -> h2Server(dir);
			default -> h2(dir);
		};
	}

	/** An H2 file database for this JVM (the commands' own settings, so the test's connections join theirs). */
	static Db h2(Path dir) {
		String url = "jdbc:h2:file:" + dir.resolve("index").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
		return h2(url, () -> {
		});
	}

	/**
	 * An H2 file database served over TCP by this JVM, so several processes (the children and the test) use it at
	 * once: the way to share an H2 file between processes.
	 */
	static Db h2Server(Path dir) throws SQLException {
		int port;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new SQLException(ex);
		}
		org.h2.tools.Server server = org.h2.tools.Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists").start();
		String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/" + dir.resolve("index").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
		return h2(url, server::stop);
	}

	private static Db h2(String url, Runnable onClose) {
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
		return new Db() {

			@Override
			public String url() {
				return url;
			}

			@Override
			public String user() {
				return "sa";
			}

			@Override
			public JdbcTemplate jdbc() {
				return jdbc;
			}

			@Override
			public void close() {
				onClose.run();
			}

		};
	}

	/** A database {@code chunker_s_<random>} on the local server (trust authentication, user postgres), dropped on close. */
	static Db postgres() throws SQLException {
		String server = "jdbc:postgresql://127.0.0.1:5432/";
		byte[] random = new byte[6];
		new SecureRandom().nextBytes(random);
		String name = "chunker_s_" + HexFormat.of().formatHex(random);
		try (Connection admin = DriverManager.getConnection(server + "test", "postgres", "");
				Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(server + name, "postgres", ""));
		return new Db() {

			@Override
			public String url() {
				return server + name;
			}

			@Override
			public String user() {
				return "postgres";
			}

			@Override
			public JdbcTemplate jdbc() {
				return jdbc;
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

	/** A small Python repository: {@code files} modules with a class and functions each. */
	static Path pythonRepository(Path root, int files) throws IOException {
		Files.createDirectories(root.resolve("pkg"));
		for (int i = 0; i < files; i++) {
			Files.writeString(root.resolve("pkg/module_" + i + ".py"), """
					import os


					def helper_%1$d(value):
					    \"\"\"Doubles a value.\"\"\"
					    return value * 2 + %1$d


					class Service%1$d:
					    def __init__(self, name):
					        self.name = name

					    def run(self, items):
					        total = 0
					        for item in items:
					            total += helper_%1$d(item)
					        return total


					def main():
					    print(Service%1$d(os.getcwd()).run([1, 2, 3]))
					""".formatted(i));
		}
		return root;
	}

	/** What a clean run leaves: a digest over every chunk's path, id, content hash and byte range. */
	static String chunkDigest(JdbcTemplate jdbc, String repo) throws Exception {
		MessageDigest sha = MessageDigest.getInstance("SHA-256");
		List<String> rows = jdbc.query("SELECT c.file_path, c.chunk_id, c.content_hash, c.byte_start, c.byte_end FROM chunks c "
				+ "JOIN repositories r ON r.repo_id = c.repo_id WHERE r.name = ? ORDER BY c.file_path, c.byte_start, c.chunk_id",
				(rs, i) -> rs.getString(1) + "|" + rs.getString(2).trim() + "|" + rs.getString(3).trim() + "|" + rs.getInt(4) + "|"
						+ rs.getInt(5), repo);
		for (String row : rows) {
			sha.update(row.getBytes(StandardCharsets.UTF_8));
			sha.update((byte) '\n');
		}
		return rows.size() + ":" + HexFormat.of().formatHex(sha.digest());
	}

	/** Status of each run of a repository, oldest first. */
	static List<Map<String, Object>> runs(JdbcTemplate jdbc, String repo) {
		return jdbc.queryForList("SELECT r.run_id, r.status, r.files_scanned, r.files_new, r.files_changed, r.files_unchanged, "
				+ "r.started_at, r.ended_at, r.job_execution_id FROM runs r JOIN repositories p ON p.repo_id = r.repo_id "
				+ "WHERE p.name = ? ORDER BY r.run_id", repo);
	}

	static boolean tableExists(JdbcTemplate jdbc, String table) {
		try {
			jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
			}
			Thread.sleep(200);
		}
	}

	/** A {@code chunker} command in a JVM of its own, its output in a file. */
	static final class Child implements AutoCloseable {

		final Process process;

		final Path output;

		private Child(Process process, Path output) {
			this.process = process;
			this.output = output;
		}

		static Child start(Path workDir, Map<String, String> env, String... args) throws IOException {
			List<String> command = new ArrayList<>();
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.add("--enable-native-access=ALL-UNNAMED");
			command.add("-Xmx512m");
			command.add("-XX:TieredStopAtLevel=1");
			command.add("-cp");
			command.add(System.getProperty("java.class.path"));
			command.add("dev.chunker.ChunkerApplication");
			command.addAll(List.of(args));
			Files.createDirectories(workDir);
			Path output = Files.createTempFile(workDir, "child-", ".log");
			ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile());
			builder.environment().putAll(env);
			return new Child(builder.start(), output);
		}

		String output() {
			try {
				return Files.readString(this.output);
			}
			catch (IOException ex) {
				return "";
			}
		}

		void awaitOutput(String text, Duration timeout) throws InterruptedException {
			await("'" + text + "' in the output of " + this.process.info().commandLine().orElse("a child"), timeout, () -> {
				if (!this.process.isAlive() && !output().contains(text)) {
					throw new AssertionError("the process exited (" + this.process.exitValue() + ") before printing '" + text
							+ "':\n" + output());
				}
				return output().contains(text);
			});
		}

		int waitFor(Duration timeout) throws InterruptedException {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError("the process did not exit within " + timeout.toSeconds() + " s:\n" + output());
			}
			return this.process.exitValue();
		}

		@Override
		public void close() throws InterruptedException {
			if (this.process.isAlive()) {
				this.process.destroyForcibly();
				this.process.waitFor(30, TimeUnit.SECONDS);
			}
		}

	}

}
