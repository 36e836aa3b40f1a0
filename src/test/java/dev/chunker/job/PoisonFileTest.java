package dev.chunker.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.chunker.job.JobTestSupport.Cli;
import dev.chunker.job.JobTestSupport.Db;
import dev.chunker.job.JobTestSupport.TestDatabase;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.chunker.job.JobTestSupport.chunker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A file that kills the process while it is being chunked (here: a child JVM killed with SIGKILL while the
 * in-flight journal names that file, as a native crash in a grammar would kill it) twice in a row is quarantined by
 * the next start: recorded as failed with reason {@code crashed_parser}, listed in the run summary, and the run
 * completes; once the file changes it is chunked again.
 */
@Timeout(300)
class PoisonFileTest {

	static final String POISON = "poison.py";

	/** On the heap path, and with a streaming threshold under the poison file's size on the streamed path. */
	@ParameterizedTest(name = "streamed={0}")
	@ValueSource(booleans = { false, true })
	void aFileInFlightAtTwoDeathsInARowIsQuarantinedUntilItChanges(boolean streamed, @TempDir Path dir) throws Exception {
		Path tree = dir.resolve("tree");
		JobTestSupport.copyPython(tree, 6);
		// Big enough that its parse takes a while: the window in which the child is killed.
		StringBuilder poison = new StringBuilder();
		for (int i = 0; poison.length() < 12_000_000; i++) {
			poison.append("def f").append(i).append("(x, y):\n    if x:\n        return [x, y, ").append(i)
				.append("]\n    return {'k': (x, y)}\n\n");
		}
		Files.writeString(tree.resolve(POISON), poison);
		int total = JobTestSupport.relativeFiles(tree).size();
		Path config = JobTestSupport.config(dir, """
				index:
				  commit_interval: 1
				  lock_ttl_seconds: 600
				memory:
				  streaming_threshold_mb: %d
				""".formatted(streamed ? 1 : 64));
		try (TestDatabase database = TestDatabase.create(Db.H2, dir, true)) {
			Path journalFolder = new InFlightJournals(database.url()).folder("sample");
			// Next to the H2 database file: <folder>/<database name>-journal/<repo>.
			String name = database.url().substring(database.url().lastIndexOf('/') + 1, database.url().indexOf(';'));
			assertThat(journalFolder).isEqualTo(dir.toAbsolutePath().resolve(name + "-journal").resolve("sample"));
			Path journal = journalFolder.resolve(InFlightJournal.JOURNAL);
			Path crashes = journalFolder.resolve(InFlightJournal.CRASHES);

			killWhileInFlight(database, config, tree, journal, dir.resolve("first.log"));
			killWhileInFlight(database, config, tree, journal, dir.resolve("second.log"));
			// The second start counted the first death; the third counts the second and quarantines the file.
			assertThat(Files.readString(crashes)).startsWith("1\t").contains("\t" + POISON + "\n");

			Cli third = chunker("index", tree.toString(), "--repo", "sample", "--db", database.url(), "--threads", "1",
					"--config", config.toString());
			assertThat(third.exitCode()).as(third.all()).isZero();
			assertThat(Files.readString(crashes)).startsWith("2\t").contains("\t" + POISON + "\n");
			assertThat(third.out()).contains("COMPLETED run 1 of 'sample'")
				.contains(total + " scanned, " + (total - 1) + " new, 0 changed, 0 unchanged, 0 deleted, 1 failed");
			assertThat(JobTestSupport.failureLines(third.out())).containsExactly(POISON + ": "
					+ FileIndexProcessor.CRASHED_PARSER_MESSAGE + " [crashed_parser]");
			assertThat(database.rows("SELECT path, status, error_reason FROM files WHERE status <> 'indexed'"))
				.containsExactly(List.of(POISON, "failed", "crashed_parser"));
			assertThat(database.count("SELECT COUNT(*) FROM chunks WHERE file_path = ?", POISON)).isZero();

			Cli jobs = chunker("jobs", "--repo", "sample", "--db", database.url());
			assertThat(jobs.exitCode()).as(jobs.all()).isZero();
			// RUN EXECUTION REPO STATUS START END FILES NEW CHNGD FAILED CHUNKS
			assertThat(jobs.out()).as(jobs.all()).containsPattern("sample +COMPLETED .* " + total + " +" + (total - 1) + " +0 +1 ");
			assertThat(jobs.out()).as(jobs.all()).containsPattern("failed poison\\.py \\[crashed_parser\\]");
			// Unchanged: still skipped, without a parse (the run ends at once).
			Cli fourth = chunker("index", tree.toString(), "--repo", "sample", "--db", database.url(), "--threads", "1",
					"--config", config.toString());
			assertThat(fourth.exitCode()).as(fourth.all()).isZero();
			assertThat(JobTestSupport.failureLines(fourth.out())).singleElement().asString().endsWith("[crashed_parser]");

			// Changed: chunked again, and indexed.
			Files.writeString(tree.resolve(POISON), "def fixed():\n    return 1\n");
			Cli fifth = chunker("index", tree.toString(), "--repo", "sample", "--db", database.url(), "--threads", "1",
					"--config", config.toString());
			assertThat(fifth.exitCode()).as(fifth.all()).isZero();
			assertThat(fifth.out()).contains("0 failed");
			assertThat(database.rows("SELECT status FROM files WHERE path = ?", POISON)).containsExactly(List.of("indexed"));
			assertThat(Files.readString(crashes)).doesNotContain(POISON);
		}
	}

	/** Runs {@code chunker index} in a child JVM and kills it with SIGKILL while the journal shows the poison file in flight. */
	private static void killWhileInFlight(TestDatabase database, Path config, Path tree, Path journal, Path log)
			throws Exception {
		ProcessBuilder builder = JobTestSupport.childChunker(List.of(), "index", tree.toString(), "--repo", "sample",
				"--db", database.url(), "--threads", "1", "--config", config.toString());
		Process child = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		boolean killed = false;
		// The journal a dead process left names the file until the child opens its run (which clears every slot).
		boolean opened = false;
		try {
			while (System.nanoTime() < deadline && child.isAlive()) {
				List<String> inFlight = Files.isRegularFile(journal) ? InFlightJournal.leftInFlight(journal) : List.of();
				opened |= Files.isRegularFile(journal) && !inFlight.contains(POISON);
				if (opened && inFlight.contains(POISON)) {
					child.destroyForcibly();
					killed = true;
					break;
				}
				Thread.sleep(2);
			}
			if (!child.waitFor(60, TimeUnit.SECONDS)) {
				fail("the child did not die");
			}
		}
		finally {
			child.destroyForcibly();
		}
		assertThat(killed).as("the poison file was seen in flight\n" + Files.readString(log)).isTrue();
		assertThat(child.exitValue()).as("killed by SIGKILL\n" + Files.readString(log)).isEqualTo(137);
		// What the dead process left: the poison file in its thread's slot.
		assertThat(InFlightJournal.leftInFlight(journal)).containsExactly(POISON);
	}

}
