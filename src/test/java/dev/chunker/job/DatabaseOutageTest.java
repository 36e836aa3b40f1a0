package dev.chunker.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.chunker.job.JobTestSupport.Cli;
import dev.chunker.job.JobTestSupport.Db;
import dev.chunker.job.JobTestSupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static dev.chunker.job.JobTestSupport.chunker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The PostgreSQL server goes away in the middle of a run (a private server of the test's own, stopped with
 * {@code pg_ctl stop -m immediate}); the run is a child process slowed down by the tests' fault hook so that it is
 * still in its chunk step when the server stops.
 */
@Timeout(300)
class DatabaseOutageTest {

	/** How long each file takes more than it would, so that a run of the sample tree lasts some seconds. */
	static final String SLOW_MS = "40";

	@TempDir
	static Path shared;

	static Path tree;

	static PrivatePostgres server;

	@BeforeAll
	static void setUp() throws Exception {
		tree = JobTestSupport.sampleTree(shared.resolve("tree"));
		server = PrivatePostgres.start();
	}

	@AfterAll
	static void tearDown() throws Exception {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void anOutageLongerThanTheToleranceFailsTheRunWithOneLineAndTheNextIndexResumesIt(@TempDir Path dir) throws Exception {
		String name = "outage_long";
		TestDatabase database = TestDatabase.existing(name, server.createDatabase(name));
		Path config = JobTestSupport.config(dir, """
				database:
				  outage_tolerance_s: 2
				index:
				  commit_interval: 5
				  lock_ttl_seconds: 2
				""");
		String[] index = { "index", tree.toString(), "--repo", "sample", "--db", database.url(), "--threads", "2",
				"--config", config.toString() };
		ProcessBuilder builder = JobTestSupport.childChunker(List.of(), index);
		builder.environment().put(FaultInjection.SLOW_ENV, SLOW_MS);
		Path out = dir.resolve("child.out");
		Path err = dir.resolve("child.err");
		Process child = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		try {
			waitForCommittedFiles(database, child, 20);
			server.stopImmediately();
			// Down until the run has given up: far longer than the tolerance.
			if (!child.waitFor(120, TimeUnit.SECONDS)) {
				fail("the run did not end while its database was down");
			}
		}
		finally {
			child.destroyForcibly();
		}
		String printed = Files.readString(out) + Files.readString(err);
		System.out.println("--- long outage, the run printed:\n" + printed);
		server.startServer();
		assertThat(child.exitValue()).as(printed).isEqualTo(1);
		assertThat(printed).doesNotContain("\tat ").doesNotContain("Exception");
		List<String> errLines = Files.readString(err).lines().toList();
		assertThat(errLines).as(printed).singleElement().asString()
			.startsWith("chunker: lost the database " + database.url());
		// The database could not be written while it was down: the run the launcher gave up on is left STARTED (never
		// UNKNOWN, which used to need manual action) until the next start recovers it.
		assertThat(database.rows("SELECT status FROM BATCH_JOB_EXECUTION")).containsExactly(List.of("STARTED"));
		assertThat(database.strings("SELECT status FROM runs")).containsExactly("STARTED");

		// (The lock of the ended process could not be released while the database was down; it expires.)
		Thread.sleep(3000);
		Cli resumed = chunker(index);
		assertThat(resumed.exitCode()).as(resumed.all()).isZero();
		assertThat(resumed.out()).contains("COMPLETED run 1 of 'sample'").contains(", resumed");
		assertThat(database.rows("SELECT status FROM BATCH_JOB_EXECUTION ORDER BY job_execution_id"))
			.containsExactly(List.of("FAILED"), List.of("COMPLETED"));
		assertThat(database.strings("SELECT DISTINCT status FROM BATCH_STEP_EXECUTION")).doesNotContain("UNKNOWN", "STARTED");
		JobTestSupport.assertSameRows(database.digest(), JobTestSupport.cleanRun(Db.POSTGRESQL, IndexEndToEndTest.TREE, tree, dir));
	}

	@Test
	void anOutageWithinTheToleranceIsRiddenOutAndTheRunCompletesAsACleanRun(@TempDir Path dir) throws Exception {
		String name = "outage_short";
		TestDatabase database = TestDatabase.existing(name, server.createDatabase(name));
		Path config = JobTestSupport.config(dir, """
				database:
				  outage_tolerance_s: 60
				index:
				  commit_interval: 5
				""");
		ProcessBuilder builder = JobTestSupport.childChunker(List.of(), "index", tree.toString(), "--repo", "sample",
				"--db", database.url(), "--threads", "2", "--config", config.toString());
		builder.environment().put(FaultInjection.SLOW_ENV, SLOW_MS);
		Path out = dir.resolve("child.out");
		Path err = dir.resolve("child.err");
		Process child = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		long committedBefore;
		try {
			waitForCommittedFiles(database, child, 20);
			committedBefore = database.count("SELECT COUNT(*) FROM files");
			server.stopImmediately();
			Thread.sleep(5000);
			server.startServer();
			if (!child.waitFor(180, TimeUnit.SECONDS)) {
				fail("the run did not end after its database came back");
			}
		}
		finally {
			child.destroyForcibly();
		}
		String printed = Files.readString(out) + Files.readString(err);
		System.out.println("--- short outage, the run printed:\n" + printed);
		int total = JobTestSupport.relativeFiles(tree).size();
		assertThat(committedBefore).as("the server stopped in the middle of the chunk step").isLessThan(total);
		assertThat(child.exitValue()).as(printed).isZero();
		assertThat(Files.readString(err)).as(printed).isEmpty();
		assertThat(printed).doesNotContain("\tat ").doesNotContain("Exception")
			.contains("COMPLETED run 1 of 'sample'")
			.contains(total + " scanned, " + total + " new, 0 changed, 0 unchanged, 0 deleted, 0 failed");
		assertThat(database.strings("SELECT status FROM runs")).containsExactly("COMPLETED");
		// The execution the outage broke, recovered as FAILED, then the one that resumed it in the same process.
		assertThat(database.strings("SELECT status FROM BATCH_JOB_EXECUTION ORDER BY job_execution_id"))
			.containsExactly("COMPLETED", "FAILED");
		assertThat(database.strings("SELECT DISTINCT status FROM BATCH_STEP_EXECUTION")).doesNotContain("UNKNOWN", "STARTED");
		assertThat(database.count("SELECT COUNT(*) FROM chunk_deletions")).isZero();
		JobTestSupport.assertSameRows(database.digest(), JobTestSupport.cleanRun(Db.POSTGRESQL, IndexEndToEndTest.TREE, tree, dir));
	}

	/** Waits until the child has committed some files (its chunk step is under way). */
	static void waitForCommittedFiles(TestDatabase database, Process child, long files) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (System.nanoTime() < deadline && child.isAlive()) {
			try {
				if (database.count("SELECT COUNT(*) FROM files") >= files) {
					return;
				}
			}
			catch (IllegalStateException ex) {
				// tables not there yet
			}
			Thread.sleep(50);
		}
		fail("the run committed no files (alive: " + child.isAlive() + ")");
	}

}
