package dev.chunker.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.chunker.cli.ChunkerCommand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the job tests share: a database of their own on the real servers (an H2 file, or a PostgreSQL database
 * created for the test and dropped after it), the command line run in-process or as a child JVM, sample trees
 * copied from real sources, and digests of the index tables that leave out what legitimately differs between two
 * runs (run ids, timestamps).
 */
final class JobTestSupport {

	/** The PostgreSQL server the tests use; each test creates its own database there. */
	static final String PG_HOST = System.getProperty("chunker.test.pg.host", "127.0.0.1:5432");

	static final String PG_ADMIN_DATABASE = System.getProperty("chunker.test.pg.database", "test");

	static final String PG_USER = System.getProperty("chunker.test.pg.user", "postgres");

	private JobTestSupport() {
	}

	/** A chunk's text as every output reads it: its span of its file's stored content (with {@link #SPAN_JOINS}). */
	static final String SPAN = "SUBSTRING(ct.data FROM c.byte_start + 1 FOR c.byte_end - c.byte_start)";

	/** From a chunk {@code c} to its file's stored content {@code ct}. */
	static final String SPAN_JOINS = " JOIN files f ON f.repo_id = c.repo_id AND f.path = c.file_path "
			+ "JOIN contents ct ON ct.content_hash = f.stored_content_hash";

	/** The two supported databases; every job test runs on both. */
	enum Db {

		H2, POSTGRESQL

	}

	// ---- databases

	/** A database of its own for one test, dropped on close. */
	static final class TestDatabase implements AutoCloseable {

		private final Db kind;

		private final String name;

		private final String url;

		private final boolean owned;

		private TestDatabase(Db kind, String name, String url) {
			this(kind, name, url, true);
		}

		private TestDatabase(Db kind, String name, String url, boolean owned) {
			this.kind = kind;
			this.name = name;
			this.url = url;
			this.owned = owned;
		}

		/** A PostgreSQL database made elsewhere (on a test's private server), not dropped on close. */
		static TestDatabase existing(String name, String url) {
			return new TestDatabase(Db.POSTGRESQL, name, url, false);
		}

		static TestDatabase create(Db kind, Path dir) {
			return create(kind, dir, false);
		}

		/**
		 * Creates an empty database.
		 * @param autoServer for H2: let another process open the file while its owner runs (H2's AUTO_SERVER)
		 */
		static TestDatabase create(Db kind, Path dir, boolean autoServer) {
			String name = "chunker_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
			if (kind == Db.H2) {
				return new TestDatabase(kind, name,
						"jdbc:h2:file:" + dir.resolve(name).toAbsolutePath() + (autoServer ? ";AUTO_SERVER=TRUE" : ""));
			}
			try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
				statement.execute("CREATE DATABASE " + name);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("cannot create a test database on PostgreSQL at " + PG_HOST
						+ " (start it with: pg_ctlcluster --skip-systemctl-redirect <version> main start)", ex);
			}
			return new TestDatabase(kind, name, "jdbc:postgresql://" + PG_HOST + "/" + name + "?user=" + PG_USER);
		}

		private static Connection adminConnection() throws SQLException {
			return DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + "/" + PG_ADMIN_DATABASE, PG_USER, "");
		}

		Db kind() {
			return this.kind;
		}

		/** The URL for {@code --db}. */
		String url() {
			return this.url;
		}

		Connection connect() throws SQLException {
			return (this.kind == Db.H2) ? DriverManager.getConnection(this.url, "sa", "") : DriverManager.getConnection(this.url);
		}

		/** All rows of a query, each as a list of column values (the padding of CHAR columns trimmed). */
		List<List<Object>> rows(String sql, Object... args) {
			try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
				for (int i = 0; i < args.length; i++) {
					statement.setObject(i + 1, args[i]);
				}
				List<List<Object>> rows = new ArrayList<>();
				try (ResultSet rs = statement.executeQuery()) {
					int columns = rs.getMetaData().getColumnCount();
					while (rs.next()) {
						List<Object> row = new ArrayList<>(columns);
						for (int c = 1; c <= columns; c++) {
							Object value = rs.getObject(c);
							boolean fixedWidth = rs.getMetaData().getColumnType(c) == java.sql.Types.CHAR;
							if (value instanceof byte[] bytes) {
								// Stored bytes (a chunk's span of its content) as the outputs decode them.
								value = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).replace('\0', '\uFFFD');
							}
							row.add((fixedWidth && value instanceof String s) ? s.stripTrailing() : value);
						}
						rows.add(row);
					}
				}
				return rows;
			}
			catch (SQLException ex) {
				throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
			}
		}

		long count(String sql, Object... args) {
			Object value = rows(sql, args).get(0).get(0);
			return (value == null) ? 0 : ((Number) value).longValue();
		}

		List<String> strings(String sql, Object... args) {
			return rows(sql, args).stream().map((row) -> String.valueOf(row.get(0))).sorted().toList();
		}

		/**
		 * The files, chunks and windows tables, without run ids and times; a chunk's content is the SHA-1 of the bytes of its
		 * span in its file's stored content (or of its own text, in a row written before contents were stored).
		 */
		Digest digest() {
			List<String> files = rows("SELECT path, file_id, language, size_bytes, content_hash, stored_content_hash, "
					+ "rules_version, status, error_reason, chunk_count FROM files").stream().map(JobTestSupport::line).sorted().toList();
			List<String> chunks = new ArrayList<>();
			for (List<Object> row : rows("SELECT c.file_path, c.chunk_id, c.file_id, c.language, c.node_type, c.name, "
					+ "c.qualified_name, c.parent_chunk_id, c.start_line, c.end_line, c.byte_start, c.byte_end, c.definition_id, "
					+ "c.content_hash, c.has_error, c.part_index, c.part_count, c.ordinal, c.content, "
					+ "SUBSTRING(ct.data FROM c.byte_start + 1 FOR c.byte_end - c.byte_start) FROM chunks c "
					+ "LEFT JOIN files f ON f.repo_id = c.repo_id AND f.path = c.file_path "
					+ "LEFT JOIN contents ct ON ct.content_hash = f.stored_content_hash")) {
				List<Object> fields = new ArrayList<>(row.subList(0, row.size() - 2));
				Object own = row.get(row.size() - 2);
				Object slice = row.get(row.size() - 1);
				fields.add((own != null) ? sha1(String.valueOf(own)) : (slice != null) ? sha1(String.valueOf(slice)) : "no content");
				chunks.add(line(fields));
			}
			chunks.sort(Comparator.naturalOrder());
			List<String> windows = rows("SELECT file_path, window_index, window_id, language, byte_start, byte_end, "
					+ "start_line, end_line, nws_size, token_count, budget, unit, encoding, algorithm, over_budget, header "
					+ "FROM windows").stream().map(JobTestSupport::line).sorted().toList();
			return new Digest(files, chunks, windows);
		}

		@Override
		public void close() {
			if (this.kind != Db.POSTGRESQL || !this.owned) {
				return;
			}
			try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
				statement.execute("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
			}
			catch (SQLException ex) {
				throw new IllegalStateException("cannot drop " + this.name, ex);
			}
		}

		@Override
		public String toString() {
			return this.kind + " " + this.name;
		}

	}

	/**
	 * The content of the index tables, one line per row, sorted.
	 * @param files rows of {@code files}
	 * @param chunks rows of {@code chunks} (content as its SHA-1)
	 * @param windows rows of {@code windows} (the packed view; their content is the file's, compared through files)
	 */
	record Digest(List<String> files, List<String> chunks, List<String> windows) {

		Digest(List<String> files, List<String> chunks) {
			this(files, chunks, List.of());
		}

		/** The first rows that differ, for a readable failure. */
		String differences(Digest other) {
			StringBuilder text = new StringBuilder();
			diff("files", this.files, other.files, text);
			diff("chunks", this.chunks, other.chunks, text);
			diff("windows", this.windows, other.windows, text);
			return text.toString();
		}

		private static void diff(String table, List<String> mine, List<String> theirs, StringBuilder text) {
			List<String> missing = theirs.stream().filter((row) -> !mine.contains(row)).limit(5).toList();
			List<String> extra = mine.stream().filter((row) -> !theirs.contains(row)).limit(5).toList();
			if (!missing.isEmpty() || !extra.isEmpty() || mine.size() != theirs.size()) {
				text.append(table).append(": ").append(mine.size()).append(" rows vs ").append(theirs.size()).append('\n');
				missing.forEach((row) -> text.append("  only in the reference: ").append(row).append('\n'));
				extra.forEach((row) -> text.append("  only here: ").append(row).append('\n'));
			}
		}

	}

	/** Fails listing the first differing rows (not the whole tables) when the digests differ. */
	static void assertSameRows(Digest actual, Digest expected) {
		if (!actual.equals(expected)) {
			org.junit.jupiter.api.Assertions.fail("the tables differ from the reference:\n" + actual.differences(expected));
		}
	}

	static String line(List<Object> fields) {
		StringBuilder text = new StringBuilder();
		for (Object field : fields) {
			if (!text.isEmpty()) {
				text.append('|');
			}
			text.append(field);
		}
		return text.toString();
	}

	static String sha1(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// ---- clean runs, the reference of the restart, crash and incremental tests

	private static final Map<String, Digest> CLEAN_RUNS = new ConcurrentHashMap<>();

	/** Remembers the digest of an uninterrupted first run of a sample tree. */
	static void rememberCleanRun(Db kind, String tree, Digest digest) {
		CLEAN_RUNS.putIfAbsent(kind + "/" + tree, digest);
	}

	/**
	 * The digest of an uninterrupted first run of {@code root} on a database of this kind: remembered from an
	 * earlier test, or indexed now into a database of its own.
	 */
	static Digest cleanRun(Db kind, String tree, Path root, Path dir) {
		Digest known = CLEAN_RUNS.get(kind + "/" + tree);
		if (known != null) {
			return known;
		}
		try (TestDatabase database = TestDatabase.create(kind, dir)) {
			Cli run = chunker("index", root.toString(), "--repo", "clean", "--db", database.url(), "--threads", "2");
			assertThat(run.exitCode()).as(run.all()).isZero();
			Digest digest = database.digest();
			rememberCleanRun(kind, tree, digest);
			return digest;
		}
	}

	// ---- the command line

	/**
	 * What a command printed.
	 * @param exitCode its exit code
	 * @param out standard output
	 * @param err standard error
	 */
	record Cli(int exitCode, String out, String err) {

		String all() {
			return "exit " + this.exitCode + "\n--- out\n" + this.out + "--- err\n" + this.err;
		}

	}

	/** Runs {@code chunker ARGS} in this JVM. */
	static Cli chunker(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int code = ChunkerCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
		return new Cli(code, out.toString(), err.toString());
	}

	/** A child JVM running {@code chunker ARGS} with this test's classpath, behind {@code prefix} (e.g. setpriv). */
	static ProcessBuilder childChunker(List<String> prefix, String... args) {
		List<String> command = new ArrayList<>(prefix);
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("--enable-native-access=ALL-UNNAMED");
		command.add("-Xmx1g");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add("dev.chunker.ChunkerApplication");
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().remove(FaultInjection.ENV);
		return builder;
	}

	/** Runs a child to its end (at most {@code timeout}) and returns what it printed. */
	static Cli runChild(ProcessBuilder builder, Duration timeout) throws IOException, InterruptedException {
		builder.redirectErrorStream(false);
		Path out = Files.createTempFile("chunker-child", ".out");
		Path err = Files.createTempFile("chunker-child", ".err");
		try {
			Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				// What the child was doing when it hung says more than its output: its threads, before it is killed.
				String threads = threadDump(process.pid());
				process.destroyForcibly().waitFor();
				List<String> command = builder.command().stream().filter((arg) -> !arg.contains(".jar:")).toList();
				throw new AssertionError("chunker did not finish within " + timeout + ": " + command + "\n"
						+ Files.readString(out) + Files.readString(err) + "\nthreads of the child:\n" + threads);
			}
			return new Cli(process.exitValue(), Files.readString(out), Files.readString(err));
		}
		finally {
			Files.deleteIfExists(out);
			Files.deleteIfExists(err);
		}
	}

	/** The thread dump of a live JVM by its pid (jcmd of the running JDK), or why there is none. */
	private static String threadDump(long pid) {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		try {
			Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
				.redirectErrorStream(true)
				.start();
			String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			dump.waitFor(30, TimeUnit.SECONDS);
			return text;
		}
		catch (IOException ex) {
			return "no thread dump: " + ex.getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "no thread dump: interrupted";
		}
	}

	/** A YAML configuration file with the given lines. */
	static Path config(Path dir, String yaml) throws IOException {
		Path file = dir.resolve("chunker-" + Long.toHexString(System.nanoTime()) + ".yaml");
		Files.writeString(file, yaml);
		return file;
	}

	// ---- permissions: root reads files whatever their mode

	/**
	 * The command prefix under which {@code chmod 000} really makes a file unreadable: none for an ordinary user;
	 * for root, {@code setpriv} dropping the capabilities that bypass file permissions. Empty when neither works.
	 */
	static Optional<List<String>> permissionsEnforcedPrefix(Path probeDir) throws IOException, InterruptedException {
		Path probe = probeDir.resolve("probe-" + System.nanoTime() + ".txt");
		Files.writeString(probe, "x");
		Files.setPosixFilePermissions(probe, java.util.Set.of());
		try {
			for (List<String> prefix : List.of(List.<String>of(),
					List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"))) {
				List<String> command = new ArrayList<>(prefix);
				command.addAll(List.of("cat", probe.toString()));
				try {
					Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
					process.getInputStream().readAllBytes();
					if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() != 0) {
						return Optional.of(prefix);
					}
				}
				catch (IOException ex) {
					// setpriv missing: try the next way
				}
			}
			return Optional.empty();
		}
		finally {
			Files.delete(probe);
		}
	}

	// ---- sample trees

	/** The Python standard library of this machine (the sample's Python half). */
	static Path pythonLibrary() {
		Path fixed = Path.of("/usr/lib/python3.11");
		if (Files.isDirectory(fixed)) {
			return fixed;
		}
		try (Stream<Path> dirs = Files.list(Path.of("/usr/lib"))) {
			Optional<Path> any = dirs.filter((p) -> p.getFileName().toString().matches("python3\\.\\d+"))
				.filter((p) -> Files.isRegularFile(p.resolve("ast.py")))
				.sorted()
				.findFirst();
			assumeTrue(any.isPresent(), "no Python 3 standard library under /usr/lib");
			return any.get();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The JDK's sources (the sample's Java half). */
	static Path jdkSources() {
		Path zip = Path.of(System.getProperty("java.home"), "lib", "src.zip");
		if (!Files.isRegularFile(zip)) {
			zip = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/lib/src.zip");
		}
		assumeTrue(Files.isRegularFile(zip), "no JDK src.zip");
		return zip;
	}

	/** Packages of the Python library added to its small top-level modules. */
	private static final List<String> PYTHON_PACKAGES = List.of("json", "email", "email/mime", "importlib", "urllib",
			"xml/dom", "concurrent/futures", "collections", "logging");

	/**
	 * A tree of about 300 real source files (some 3 MB): about 200 Python files of the standard library (the
	 * top-level modules up to 30 KB and a few packages) and 100 Java files of {@code java.base} (java.util up to
	 * 25 KB, then java.util.function).
	 */
	static Path sampleTree(Path root) throws IOException {
		Path python = pythonLibrary();
		List<Path> sources = new ArrayList<>();
		try (Stream<Path> top = Files.list(python)) {
			top.filter((p) -> p.toString().endsWith(".py") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
				.filter((p) -> size(p) <= 30_000)
				.forEach(sources::add);
		}
		for (String pkg : PYTHON_PACKAGES) {
			Path dir = python.resolve(pkg);
			if (Files.isDirectory(dir)) {
				try (Stream<Path> files = Files.list(dir)) {
					files.filter((p) -> p.toString().endsWith(".py") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
						.filter((p) -> size(p) <= 60_000)
						.forEach(sources::add);
				}
			}
		}
		sources.sort(Comparator.naturalOrder());
		for (Path source : sources) {
			Path target = root.resolve("python").resolve(python.relativize(source).toString());
			Files.createDirectories(target.getParent());
			Files.copy(source, target);
		}
		copyJava(root.resolve("java"), 100);
		return root;
	}

	/** Copies {@code count} Java files of {@code java.base} (java.util up to 25 KB, then java.util.function). */
	static void copyJava(Path root, int count) throws IOException {
		try (ZipFile zip = new ZipFile(jdkSources().toFile())) {
			List<ZipEntry> util = new ArrayList<>();
			List<ZipEntry> function = new ArrayList<>();
			zip.stream().forEach((entry) -> {
				String name = entry.getName();
				if (name.matches("java\\.base/java/util/[A-Za-z0-9]+\\.java") && entry.getSize() <= 25_000) {
					util.add(entry);
				}
				else if (name.matches("java\\.base/java/util/function/[A-Za-z0-9]+\\.java")) {
					function.add(entry);
				}
			});
			util.sort(Comparator.comparing(ZipEntry::getName));
			function.sort(Comparator.comparing(ZipEntry::getName));
			List<ZipEntry> chosen = new ArrayList<>(util);
			chosen.addAll(function);
			for (ZipEntry entry : chosen.subList(0, Math.min(count, chosen.size()))) {
				Path target = root.resolve(entry.getName().substring("java.base/".length()));
				Files.createDirectories(target.getParent());
				try (InputStream in = zip.getInputStream(entry)) {
					Files.copy(in, target);
				}
			}
		}
	}

	/** {@code count} small top-level modules of the Python library. */
	static void copyPython(Path root, int count) throws IOException {
		Path python = pythonLibrary();
		List<Path> sources;
		try (Stream<Path> top = Files.list(python)) {
			sources = top.filter((p) -> p.toString().endsWith(".py") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
				.filter((p) -> size(p) <= 12_000)
				.sorted()
				.limit(count)
				.toList();
		}
		Files.createDirectories(root);
		for (Path source : sources) {
			Files.copy(source, root.resolve(source.getFileName().toString()));
		}
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Regular files under {@code root}, repository-relative with {@code /}, sorted. */
	static List<String> relativeFiles(Path root) throws IOException {
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter((p) -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
				.map((p) -> root.relativize(p).toString().replace('\\', '/'))
				.sorted()
				.toList();
		}
	}

	/** The lines of a command's summary that name failures, as {@code path [reason]}. */
	static List<String> failureLines(String summary) {
		return summary.lines()
			.filter((line) -> line.startsWith("    ") && line.endsWith("]"))
			.map(String::strip)
			.toList();
	}

	static String lower(String text) {
		return text.toLowerCase(Locale.ROOT);
	}

}
