package dev.chunker.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.chunker.job.JobTestSupport.Cli;
import dev.chunker.job.JobTestSupport.Db;
import dev.chunker.job.JobTestSupport.Digest;
import dev.chunker.job.JobTestSupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.chunker.job.JobTestSupport.chunker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A {@code chunker index} process killed with SIGKILL in the middle of the chunk step: its run stays STARTED, and
 * the next {@code chunker index}, started at once, takes over the dead process's lock, recovers and resumes the run,
 * ending with exactly the rows of an uninterrupted run.
 */
@Timeout(300)
class IndexCrashTest {

	/**
	 * The heartbeat time-to-live of the lock a killed process leaves: far longer than the test, so the immediate rerun
	 * completing shows the lock taken over because its holder is gone from this machine, not because it expired.
	 */
	static final int LOCK_TTL_SECONDS = 600;

	@TempDir
	static Path shared;

	static Path tree;

	@BeforeAll
	static void copyTree() throws Exception {
		tree = JobTestSupport.sampleTree(shared.resolve("tree"));
	}

	@ParameterizedTest
	@EnumSource(Db.class)
	void aKilledRunIsRecoveredAndCompletedWithoutDuplicatesOrGaps(Db db, @TempDir Path dir) throws Exception {
		int total = JobTestSupport.relativeFiles(tree).size();
		// Small chunk transactions, so the kill lands between commits of a partly done step.
		Path config = JobTestSupport.config(dir, """
				index:
				  commit_interval: 5
				  lock_ttl_seconds: %d
				""".formatted(LOCK_TTL_SECONDS));
		try (TestDatabase database = TestDatabase.create(db, dir, true)) {
			ProcessBuilder builder = JobTestSupport.childChunker(List.of(), "index", tree.toString(), "--repo", "sample",
					"--db", database.url(), "--threads", "2", "--config", config.toString());
			Path log = dir.resolve("child.log");
			Process child = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
			long committed = -1;
			long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
			try {
				while (System.nanoTime() < deadline && child.isAlive()) {
					long files = committedFiles(database, dir);
					if (files >= total / 10) {
						child.destroyForcibly();
						break;
					}
					Thread.sleep(50);
				}
				if (!child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
					fail("the child did not die");
				}
			}
			finally {
				child.destroyForcibly();
			}
			assertThat(child.exitValue()).as("killed by SIGKILL\n" + Files.readString(log)).isEqualTo(137);
			committed = database.count("SELECT COUNT(*) FROM files");
			assertThat(committed).as("the kill happened in the middle of the chunk step").isBetween(1L, total - 1L);
			assertThat(database.strings("SELECT status FROM runs")).containsExactly("STARTED");
			assertThat(database.strings("SELECT status FROM BATCH_JOB_EXECUTION")).containsExactly("STARTED");

			// At once: the dead process's lock names a pid gone from this machine (and on PostgreSQL its session's
			// advisory lock is free), so the next index takes it over, recovers the run and resumes it.
			assertThat(database.count("SELECT COUNT(*) FROM repository_locks")).as("the killed process's lock").isEqualTo(1);
			assertThat(database.count("SELECT holder_pid FROM repository_locks")).isEqualTo(child.pid());
			Cli resumed = chunker("index", tree.toString(), "--repo", "sample", "--db", database.url(), "--threads", "2",
					"--config", config.toString());
			assertThat(resumed.exitCode()).as(resumed.all()).isZero();
			// (H2 hands out ids from a cache its crash skipped: the second execution's id is not known in advance.)
			long second = database.count("SELECT job_execution_id FROM BATCH_JOB_EXECUTION WHERE status = 'COMPLETED'");
			assertThat(resumed.out()).contains("COMPLETED run 1 of 'sample' (job execution " + second + "), resumed")
				.contains(total + " scanned, " + total + " new, 0 changed, 0 unchanged, 0 deleted, 0 failed");
			assertThat(database.rows("SELECT run_id, status, job_execution_id FROM runs"))
				.containsExactly(List.of(1L, "COMPLETED", second));
			assertThat(database.count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo(1);
			// The recovered execution (marked FAILED), then the one that completed it.
			assertThat(database.rows("SELECT status FROM BATCH_JOB_EXECUTION ORDER BY job_execution_id"))
				.containsExactly(List.of("FAILED"), List.of("COMPLETED"));

			// Only what the killed process had not committed was read again.
			long reread = database.count("SELECT SUM(read_count) FROM BATCH_STEP_EXECUTION WHERE job_execution_id = ? "
					+ "AND step_name LIKE 'chunkFilesWorker:%'", second);
			assertThat(reread).isEqualTo(total - committed);
			assertThat(database.count("SELECT COUNT(*) FROM chunk_deletions")).isZero();
			assertThat(database.count("SELECT COUNT(*) FROM file_errors")).isZero();

			Digest clean = JobTestSupport.cleanRun(db, IndexEndToEndTest.TREE, tree, dir);
			Digest digest = database.digest();
			JobTestSupport.assertSameRows(digest, clean);
		}
	}

	/** Files committed so far by the child; -1 while its database is not there yet. */
	private static long committedFiles(TestDatabase database, Path dir) {
		if (database.kind() == Db.H2) {
			// Never create the file: the child must open it first, so that it owns H2's auto server.
			try (var files = Files.list(dir)) {
				if (files.noneMatch((p) -> p.getFileName().toString().endsWith(".mv.db"))) {
					return -1;
				}
			}
			catch (java.io.IOException ex) {
				return -1;
			}
		}
		try {
			return database.count("SELECT COUNT(*) FROM files");
		}
		catch (IllegalStateException ex) {
			return -1;
		}
	}

}
