package dev.chunker.job;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.chunker.chunk.CodeChunk;
import dev.chunker.chunk.FileChunks;
import dev.chunker.job.JobTestSupport.Cli;
import dev.chunker.job.JobTestSupport.Db;
import dev.chunker.job.JobTestSupport.TestDatabase;
import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tree full of files that cannot be chunked: each is reported, in the summary and in {@code file_errors}, with
 * a specific reason; everything else is indexed and the run completes with exit code 0. The runs are real
 * {@code chunker} processes; as root they run without the capabilities that bypass file permissions, so that a
 * file with mode 000 is really unreadable.
 */
@Timeout(300)
class BadFilesIndexTest {

	/** The file the first run fails on, so that the second run chunks what the first one's scan listed. */
	static final String TRIGGER = "a_trigger.py";

	@ParameterizedTest
	@EnumSource(Db.class)
	void reportsEveryBadFileWithItsReasonAndIndexesTheRest(Db db, @TempDir Path dir) throws Exception {
		Path tree = Files.createDirectories(dir.resolve("tree"));
		Path python = JobTestSupport.pythonLibrary();
		Files.copy(python.resolve("abc.py"), tree.resolve("abc.py"));
		Files.copy(python.resolve("bisect.py"), tree.resolve("bisect.py"));
		Files.writeString(tree.resolve(TRIGGER), "def trigger():\n    return 1\n");
		Files.writeString(tree.resolve("empty.py"), "");
		// Nothing but syntax errors, and definitions full of them.
		Files.writeString(tree.resolve("garbage.py"), ")))(((]]] ::: @@@ $$$ ```\n".repeat(40));
		Files.writeString(tree.resolve("broken.py"), "def f(:\n    return (((\n\nclass C(\n    def g(self,,,):\n        x = = 1\n");
		// Latin-1, not UTF-8: chunked, the invalid bytes replaced in content, offsets those of the file.
		Files.write(tree.resolve("bad_utf8.py"), "def caf\u00e9():\n    return '\u00ff\u00fe'\n".getBytes(StandardCharsets.ISO_8859_1));
		Files.writeString(tree.resolve("big.js"), singleLineScript(3 * 1024 * 1024));
		// A NUL past the first 8 KiB does not make the file binary; PostgreSQL's text cannot hold it, so it is
		// stored as U+FFFD (on H2 too).
		Files.writeString(tree.resolve("late_nul.py"), "def a():\n    return 1\n" + "# padding\n".repeat(1500)
				+ "def b():\n    return '\0'\n");

		Map<String, String> expected = new TreeMap<>();
		Files.write(tree.resolve("binary.py"), "def f():\n    return 1\n\0\1\2\3 data".getBytes(StandardCharsets.ISO_8859_1));
		expected.put("binary.py", "binary");
		Files.writeString(tree.resolve("vanish.py"), "def gone():\n    return 0\n");
		expected.put("vanish.py", "vanished");
		Files.createSymbolicLink(tree.resolve("loop1.py"), Path.of("loop2.py"));
		Files.createSymbolicLink(tree.resolve("loop2.py"), Path.of("loop1.py"));
		expected.put("loop1.py", "unreadable");
		expected.put("loop2.py", "unreadable");
		Files.createSymbolicLink(tree.resolve("dangling.py"), Path.of("nowhere.py"));
		expected.put("dangling.py", "unreadable");
		Process mkfifo = new ProcessBuilder("mkfifo", tree.resolve("pipe.py").toString()).inheritIO().start();
		assertThat(mkfifo.waitFor()).isZero();
		expected.put("pipe.py", "not_regular_file");
		Optional<List<String>> enforced = JobTestSupport.permissionsEnforcedPrefix(dir);
		if (enforced.isPresent()) {
			Files.writeString(tree.resolve("secret.py"), "def secret():\n    return 42\n");
			Files.setPosixFilePermissions(tree.resolve("secret.py"), Set.of());
			expected.put("secret.py", "unreadable");
			Path locked = Files.createDirectories(tree.resolve("locked"));
			Files.writeString(locked.resolve("inner.py"), "def inner():\n    return 1\n");
			Files.setPosixFilePermissions(locked, Set.of());
			expected.put("locked", "unreadable");
		}
		List<String> good = List.of(TRIGGER, "abc.py", "bad_utf8.py", "big.js", "bisect.py", "broken.py", "empty.py",
				"garbage.py", "late_nul.py");
		List<String> prefix = enforced.orElse(List.of());

		try (TestDatabase database = TestDatabase.create(db, dir)) {
			String[] index = { "index", tree.toString(), "--repo", "bad", "--db", database.url(), "--threads", "1",
					"--grid-size", "1" };
			// Run 1 scans, then fails on its first file; the named pipe must not block the scan.
			ProcessBuilder failing = JobTestSupport.childChunker(prefix, index);
			failing.environment().put(FaultInjection.ENV, TRIGGER);
			Cli first = JobTestSupport.runChild(failing, Duration.ofMinutes(2));
			assertThat(first.exitCode()).as(first.all()).isEqualTo(1);
			assertThat(first.out()).contains("FAILED run 1 of 'bad'")
				.contains("  the run did not complete: chunkFilesWorker:partition-0000: injected failure on " + TRIGGER);
			assertThat(first.out() + first.err()).as("one line, no stack trace").doesNotContain("\tat ")
				.doesNotContain("Exception");

			// A listed file vanishes before the chunk step reads it; run 2 resumes the run without scanning again.
			Files.delete(tree.resolve("vanish.py"));
			Cli second = JobTestSupport.runChild(JobTestSupport.childChunker(prefix, index), Duration.ofMinutes(3));
			assertThat(second.exitCode()).as(second.all()).isZero();
			assertThat(second.out()).contains("COMPLETED run 1 of 'bad'").contains(", resumed")
				.contains((good.size() + 2 + (enforced.isPresent() ? 1 : 0)) + " scanned, " + good.size() + " new, 0 changed, 0 unchanged, 0 deleted, "
						+ expected.size() + " failed");

			// Each bad file once, with its reason, in the table and in the summary.
			List<List<Object>> errors = database.rows("SELECT path, reason, message FROM file_errors WHERE run_id = 1");
			Map<String, String> reasons = new TreeMap<>();
			Map<String, String> messages = new HashMap<>();
			for (List<Object> error : errors) {
				assertThat(reasons.put((String) error.get(0), (String) error.get(1))).as("once: " + error).isNull();
				messages.put((String) error.get(0), (String) error.get(2));
			}
			assertThat(reasons).isEqualTo(expected);
			assertThat(messages.get("loop1.py")).contains("symbolic link loop");
			assertThat(messages.get("dangling.py")).contains("dangling symbolic link");
			assertThat(messages.get("pipe.py")).contains("not a regular file");
			if (enforced.isPresent()) {
				assertThat(messages.get("secret.py")).contains("permission denied");
				assertThat(messages.get("locked")).contains("permission denied");
			}
			List<String> summary = JobTestSupport.failureLines(second.out());
			assertThat(summary).hasSize(expected.size());
			for (Map.Entry<String, String> error : expected.entrySet()) {
				assertThat(summary).as(error.getKey())
					.contains(error.getKey() + ": " + messages.get(error.getKey()) + " [" + error.getValue() + "]");
			}
			assertThat(database.rows("SELECT status, files_failed FROM runs")).containsExactly(List.of("COMPLETED",
					(long) expected.size()));
			// Files the chunk step could not read are recorded as failed files too.
			Map<String, String> failedFiles = new TreeMap<>();
			database.rows("SELECT path, error_reason FROM files WHERE status = 'failed'")
				.forEach((row) -> failedFiles.put((String) row.get(0), (String) row.get(1)));
			Map<String, String> readFailures = new TreeMap<>(expected);
			readFailures.keySet().removeIf((path) -> !Set.of("binary.py", "vanish.py", "secret.py").contains(path));
			assertThat(failedFiles).isEqualTo(readFailures);

			// Everything else is indexed exactly as the chunker chunks it.
			assertThat(database.strings("SELECT path FROM files WHERE status = 'indexed'")).containsExactlyInAnyOrderElementsOf(good);
			Map<String, List<String>> stored = new HashMap<>();
			// A chunk's text is its span of the file's stored content, as every output reads it.
			for (List<Object> row : database.rows("SELECT c.file_path, c.chunk_id, c.start_line, c.end_line, c.byte_start, "
					+ "c.byte_end, c.has_error, " + JobTestSupport.SPAN + " FROM chunks c" + JobTestSupport.SPAN_JOINS
					+ " ORDER BY c.ordinal")) {
				stored.computeIfAbsent((String) row.get(0), (k) -> new ArrayList<>()).add(JobTestSupport.line(row.subList(1, 8)));
			}
			Map<String, FileChunks> chunked = new LinkedHashMap<>();
			try (ChunkerRuntime runtime = ChunkerSettings.load(null, System.getenv(), Map.of()).newChunkerRuntime()) {
				for (String path : good) {
					FileChunks file = runtime.chunker().chunk(tree.resolve(path), path, null);
					chunked.put(path, file);
					List<String> rows = file.chunks().stream().map(BadFilesIndexTest::row).map((r) -> r.replace('\0', '\uFFFD')).toList();
					assertThat(stored.getOrDefault(path, List.of())).as(path).isEqualTo(rows);
				}
			}
			assertThat(chunked.get("garbage.py").chunks()).isEmpty();
			assertThat(chunked.get("empty.py").chunks()).isEmpty();
			assertThat(chunked.get("broken.py").chunks()).isNotEmpty().anyMatch(CodeChunk::hasError);
			assertThat(chunked.get("bad_utf8.py").chunks()).singleElement()
				.satisfies((chunk) -> assertThat(chunk.content()).contains("\uFFFD").startsWith("def caf\uFFFD()"));
			assertThat(chunked.get("late_nul.py").chunks()).extracting(CodeChunk::name).containsExactly("a", "b");
			assertThat(chunked.get("late_nul.py").chunks().get(1).content()).contains("\0");
			assertThat(stored.get("late_nul.py").get(1)).endsWith("return '\uFFFD'");
			assertThat(chunked.get("big.js").chunks()).hasSizeGreaterThan(1000)
				.allMatch((chunk) -> chunk.startLine() == 1 && chunk.endLine() == 1);
			assertThat(stored.keySet()).isEqualTo(chunked.entrySet().stream().filter((e) -> !e.getValue().chunks().isEmpty())
				.map(Map.Entry::getKey).collect(Collectors.toSet()));
		}
		finally {
			if (enforced.isPresent()) {
				Files.setPosixFilePermissions(tree.resolve("locked"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
			}
		}
	}

	private static String row(CodeChunk chunk) {
		return JobTestSupport.line(List.of(chunk.chunkId(), chunk.startLine(), chunk.endLine(), chunk.byteStart(),
				chunk.byteEnd(), chunk.hasError(), chunk.content()));
	}

	/** Minified-looking JavaScript: one line of {@code bytes} bytes holding about 1300 functions. */
	static String singleLineScript(int bytes) {
		StringBuilder numbers = new StringBuilder();
		for (int i = 0; i < 600; i++) {
			numbers.append(i).append(i < 599 ? "," : "");
		}
		StringBuilder script = new StringBuilder(bytes + 4096);
		for (int i = 0; script.length() < bytes; i++) {
			script.append("function f").append(i).append("(a){var x=[").append(numbers).append("];return x[a]+").append(i)
				.append('}');
		}
		script.setLength(bytes);
		return script.toString();
	}

}
