package dev.chunker.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.chunker.chunk.CrashingGrammar;
import dev.chunker.job.JobTestSupport.Cli;
import dev.chunker.job.JobTestSupport.Db;
import dev.chunker.job.JobTestSupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.chunker.job.JobTestSupport.chunker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real native crash, with no fault hook in the product: a test-only language {@code crashing_lua} whose grammar is
 * a library the test compiles ({@link CrashingGrammar}: the pinned Lua grammar with a scanner that aborts, or writes
 * through a null pointer, on a marker), configured through a rules file's {@code library} key. Each
 * {@code chunker index} runs in a child JVM, as a user's would: the first one dies in the grammar while chunking the
 * poison file; the next start names the file it died on, chunks it again and dies again; the start after that
 * quarantines it ({@code crashed_parser}) and completes the run, listing it in the summary and in {@code chunker
 * jobs}; once the file changes it is chunked again.
 */
@Timeout(300)
class CrashingParserTest {

	static final String POISON = "poison.clua";

	@TempDir
	static Path shared;

	static Path rules;

	/** How each crash looks from outside: the signal, and the JVM's own report for a SIGSEGV. */
	enum Crash {

		/** {@code abort()}: SIGABRT, which the JVM does not catch. */
		ABORT(CrashingGrammar.ABORT_MARKER, false),

		/** A null pointer written through: SIGSEGV, which the JVM reports (hs_err_pid*.log) before it aborts. */
		SEGV(CrashingGrammar.SEGV_MARKER, true);

		final String marker;

		final boolean reported;

		Crash(String marker, boolean reported) {
			this.marker = marker;
			this.reported = reported;
		}

	}

	@BeforeAll
	static void buildGrammar() throws Exception {
		Path library = CrashingGrammar.build(shared.resolve("grammar"));
		rules = CrashingGrammar.rulesFile(shared, library);
	}

	@ParameterizedTest
	@EnumSource(Crash.class)
	void aFileThatCrashesTheGrammarTwiceInARowIsQuarantinedListedAndChunkedAgainOnceItChanges(Crash crash,
			@TempDir Path dir) throws Exception {
		Path tree = dir.resolve("tree");
		JobTestSupport.copyPython(tree, 3);
		Files.writeString(tree.resolve("good.clua"), "local M = {}\n\n--[[ a block comment, scanned by the wrapped scanner ]]\n"
				+ "function M.greet(name)\n  return \"hello \" .. name\nend\n\nreturn M\n");
		Files.writeString(tree.resolve(POISON), "function before(x)\n  return x\nend\n\n--[[" + crash.marker
				+ " the grammar's scanner dies on this comment ]]\n\nfunction after(y)\n  return y\nend\n");
		int total = JobTestSupport.relativeFiles(tree).size();
		Path config = JobTestSupport.config(dir, """
				chunking:
				  rules_file: %s
				index:
				  commit_interval: 1
				  lock_ttl_seconds: 600
				""".formatted(rules));
		Path work = Files.createDirectories(dir.resolve("work"));
		try (TestDatabase database = TestDatabase.create(Db.H2, dir)) {
			Path journalFolder = new InFlightJournals(database.url()).folder("sample");
			Path crashes = journalFolder.resolve(InFlightJournal.CRASHES);
			List<String> index = List.of("index", tree.toString(), "--repo", "sample", "--db", database.url(),
					"--threads", "1", "--config", config.toString());

			// 1. Dies in the grammar; the journal names the file it was chunking, and the run stays STARTED.
			Cli first = child(work, index);
			assertDiedInTheGrammar(first, crash, work);
			assertThat(InFlightJournal.leftInFlight(journalFolder.resolve(InFlightJournal.JOURNAL))).containsExactly(POISON);
			assertThat(database.strings("SELECT status FROM BATCH_JOB_EXECUTION")).containsExactly("STARTED");

			// 2. The next start names the file and counts one death; it chunks the file again and dies again.
			Cli second = child(work, index);
			assertThat(second.err()).as(second.all()).contains("warning: the last run of 'sample' died while chunking "
					+ POISON + "; it is chunked again, and skipped if the process dies on it once more");
			assertDiedInTheGrammar(second, crash, work);
			assertThat(Files.readString(crashes)).startsWith("1\t").endsWith("\t" + POISON + "\n");

			// 3. Two deaths in a row: quarantined, and the run completes without it.
			Cli third = child(work, index);
			assertThat(third.exitCode()).as(third.all()).isZero();
			assertThat(third.err()).as(third.all()).contains("warning: the last run of 'sample' died while chunking "
					+ POISON + " again (2 runs in a row); it is skipped until it changes [crashed_parser]");
			assertThat(third.out()).contains("COMPLETED run 1 of 'sample'").contains(", resumed")
				.contains(total + " scanned, " + (total - 1) + " new, 0 changed, 0 unchanged, 0 deleted, 1 failed");
			assertThat(JobTestSupport.failureLines(third.out()))
				.containsExactly(POISON + ": " + FileIndexProcessor.CRASHED_PARSER_MESSAGE + " [crashed_parser]");
			assertThat(database.rows("SELECT path, status, error_reason FROM files WHERE status <> 'indexed'"))
				.containsExactly(List.of(POISON, "failed", "crashed_parser"));
			assertThat(database.count("SELECT COUNT(*) FROM chunks WHERE file_path = ?", POISON)).isZero();
			// The grammar library did the chunking of the other file of its language.
			assertThat(database.strings("SELECT DISTINCT language FROM chunks WHERE file_path = 'good.clua'"))
				.containsExactly("crashing_lua");
			// The two executions the crashes left STARTED, recovered as FAILED, and the one that completed the run. (H2
			// hands out ids from a cache its crash skipped: their order is not that of their start.)
			assertThat(database.strings("SELECT status FROM BATCH_JOB_EXECUTION"))
				.containsExactlyInAnyOrder("FAILED", "FAILED", "COMPLETED");
			assertThat(database.count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo(1);

			Cli jobs = chunker("jobs", "--repo", "sample", "--db", database.url());
			assertThat(jobs.exitCode()).as(jobs.all()).isZero();
			assertThat(jobs.out()).as(jobs.all()).containsPattern("sample +COMPLETED .* " + total + " +" + (total - 1) + " +0 +1 ")
				.containsPattern("failed poison\\.clua \\[crashed_parser\\]");

			// 4. Changed: chunked again (by the same grammar, without the marker), and indexed.
			Files.writeString(tree.resolve(POISON), "function fixed()\n  return 1\nend\n--[[ no marker ]]\n");
			Cli fourth = child(work, index);
			assertThat(fourth.exitCode()).as(fourth.all()).isZero();
			assertThat(fourth.err()).as(fourth.all()).doesNotContain("died while chunking");
			// (A new run: its number comes from a sequence whose cached values the crashes skipped on H2.)
			assertThat(fourth.out()).containsPattern("COMPLETED run \\d+ of 'sample' \\(job execution \\d+\\)\n")
				.contains(total + " scanned, 0 new, 1 changed, " + (total - 1) + " unchanged, 0 deleted, 0 failed");
			assertThat(database.rows("SELECT status FROM files WHERE path = ?", POISON)).containsExactly(List.of("indexed"));
			assertThat(database.strings("SELECT name FROM chunks WHERE file_path = ?", POISON)).containsExactly("fixed");
			assertThat(Files.readString(crashes)).doesNotContain(POISON);
		}
	}

	/** Runs {@code chunker ARGS} in a child JVM whose working directory is {@code work} (where a crash report goes). */
	private static Cli child(Path work, List<String> args) throws Exception {
		// No core file: the crash is the point, not its dump.
		List<String> prefix = Files.isExecutable(Path.of("/usr/bin/prlimit")) ? List.of("/usr/bin/prlimit", "--core=0")
				: List.of();
		ProcessBuilder builder = JobTestSupport.childChunker(prefix, args.toArray(String[]::new)).directory(work.toFile());
		// Short runs: the C1 compiler alone starts them faster on a busy machine.
		builder.command().add(prefix.size() + 1, "-XX:TieredStopAtLevel=1");
		long started = System.nanoTime();
		Cli result = JobTestSupport.runChild(builder, Duration.ofMinutes(2));
		System.out.printf("child %s: exit %d in %d ms%s%n", args.get(0), result.exitCode(),
				Duration.ofNanos(System.nanoTime() - started).toMillis(),
				result.out().lines().filter((line) -> line.contains("volume")).findFirst().orElse(""));
		return result;
	}

	/** The child died of the signal the grammar raised (128 + SIGABRT; the JVM aborts after reporting a SIGSEGV). */
	private static void assertDiedInTheGrammar(Cli run, Crash crash, Path work) throws Exception {
		assertThat(run.exitCode()).as(run.all()).isEqualTo(134);
		List<Path> reports = new ArrayList<>();
		try (var files = Files.list(work)) {
			files.filter((f) -> f.getFileName().toString().startsWith("hs_err_pid")).forEach(reports::add);
		}
		if (crash.reported) {
			assertThat(run.all()).contains("SIGSEGV").contains(CrashingGrammar.LIBRARY);
			assertThat(reports).as("the JVM's crash report").isNotEmpty();
			for (Path report : reports) {
				assertThat(Files.readString(report)).contains(CrashingGrammar.LIBRARY);
				Files.delete(report);
			}
		}
		else {
			assertThat(reports).as("no JVM crash report for an abort").isEmpty();
		}
	}

}
