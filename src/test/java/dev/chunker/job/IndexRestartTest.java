package dev.chunker.job;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.chunker.job.JobTestSupport.Cli;
import dev.chunker.job.JobTestSupport.Db;
import dev.chunker.job.JobTestSupport.Digest;
import dev.chunker.job.JobTestSupport.TestDatabase;
import dev.chunker.scan.PartitionPlanner;
import dev.chunker.scan.PlannedFile;
import dev.chunker.scan.SourceScanner;
import dev.chunker.settings.ChunkerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.chunker.job.JobTestSupport.chunker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run whose partition fails (an injected failure on one file) ends FAILED; {@code chunker index} without the
 * failure resumes the same run, redoes only what was not committed, and leaves the tables a clean run leaves.
 */
@Timeout(300)
class IndexRestartTest {

	static final int GRID = 4;

	@TempDir
	static Path shared;

	static Path tree;

	@BeforeAll
	static void copyTree() throws Exception {
		tree = JobTestSupport.sampleTree(shared.resolve("tree"));
	}

	@AfterEach
	void noFault() {
		System.clearProperty(FaultInjection.PROPERTY);
	}

	@ParameterizedTest
	@EnumSource(Db.class)
	void resumesTheFailedRunAndRedoesOnlyUncommittedFiles(Db db, @TempDir Path dir) throws Exception {
		// The plan the scan will make: fail a file two thirds into partition 1, after some chunks committed.
		// The settings the in-process command loads: files per chunk transaction as the job reads them.
		ChunkerSettings settings = ChunkerSettings.load(null, System.getenv(), Map.of());
		int commitInterval = settings.index().commitInterval();
		List<PlannedFile> plan = PartitionPlanner.plan(
				new SourceScanner(settings.rules(), List.of(), List.of(), Long.MAX_VALUE, true).scan(tree).files(),
				(file) -> true, GRID);
		List<PlannedFile> partition = plan.stream().filter((e) -> e.partition() == 1).toList();
		assertThat(partition).hasSizeGreaterThan(2 * commitInterval);
		PlannedFile victim = partition.get(partition.size() * 2 / 3);
		int committedBeforeFailure = (victim.ordinal() / commitInterval) * commitInterval;
		assertThat(committedBeforeFailure).isPositive();

		try (TestDatabase database = TestDatabase.create(db, dir)) {
			String[] index = { "index", tree.toString(), "--repo", "sample", "--db", database.url(), "--threads", "2",
					"--grid-size", String.valueOf(GRID) };
			System.setProperty(FaultInjection.PROPERTY, victim.path());
			Cli failed = chunker(index);
			System.clearProperty(FaultInjection.PROPERTY);

			assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);
			assertThat(failed.out()).contains("FAILED run 1 of 'sample' (job execution 1)");
			List<String> reasons = failed.out().lines().filter((l) -> l.contains("did not complete")).toList();
			assertThat(reasons).as(failed.all()).singleElement()
				.asString()
				.contains("injected failure on " + victim.path());
			assertThat(failed.out() + failed.err()).doesNotContain("\tat ").doesNotContain("Exception:");
			assertThat(database.strings("SELECT status FROM runs")).containsExactly("FAILED");
			assertThat(chunker("jobs", "--db", database.url()).out()).containsPattern("\\s1\\s+1 sample\\s+FAILED");

			// The other partitions completed; the failing one committed its chunks before the failure.
			assertThat(database.rows("SELECT step_name, status FROM BATCH_STEP_EXECUTION WHERE job_execution_id = 1 "
					+ "AND step_name LIKE 'chunkFilesWorker:%' ORDER BY step_name")).containsExactly(
							List.of("chunkFilesWorker:partition-0000", "COMPLETED"),
							List.of("chunkFilesWorker:partition-0001", "FAILED"),
							List.of("chunkFilesWorker:partition-0002", "COMPLETED"),
							List.of("chunkFilesWorker:partition-0003", "COMPLETED"));
			long uncommitted = database.count("SELECT COUNT(*) FROM file_manifest m WHERE m.run_id = 1 AND m.needs_work "
					+ "AND NOT EXISTS (SELECT 1 FROM files f WHERE f.path = m.path AND f.last_run_id = 1)");
			assertThat(uncommitted).isEqualTo(partition.size() - committedBeforeFailure);
			assertThat(database.count("SELECT COUNT(*) FROM files")).isEqualTo(plan.size() - uncommitted);

			Cli resumed = chunker(index);
			assertThat(resumed.exitCode()).as(resumed.all()).isZero();
			assertThat(resumed.out()).contains("COMPLETED run 1 of 'sample' (job execution 2), resumed")
				.contains(plan.size() + " scanned, " + plan.size() + " new, 0 changed, 0 unchanged, 0 deleted, 0 failed");

			// The same run and job instance; the scan was not redone, only the failed partition ran, from its last commit.
			assertThat(database.rows("SELECT run_id, status, job_execution_id FROM runs"))
				.containsExactly(List.of(1L, "COMPLETED", 2L));
			assertThat(database.count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo(1);
			assertThat(database.strings("SELECT status FROM BATCH_JOB_EXECUTION ORDER BY job_execution_id"))
				.containsExactlyInAnyOrder("FAILED", "COMPLETED");
			List<List<Object>> rerun = database.rows("SELECT step_name, read_count, write_count FROM BATCH_STEP_EXECUTION "
					+ "WHERE job_execution_id = 2 AND step_name LIKE 'chunkFilesWorker:%'");
			assertThat(rerun).hasSize(1);
			assertThat(rerun.get(0)).containsExactly("chunkFilesWorker:partition-0001", uncommitted, uncommitted);
			assertThat(database.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE job_execution_id = 2 AND step_name = 'scan'"))
				.isZero();
			assertThat(database.count("SELECT COUNT(*) FROM chunk_deletions")).isZero();

			Digest clean = JobTestSupport.cleanRun(db, IndexEndToEndTest.TREE, tree, dir);
			Digest digest = database.digest();
			JobTestSupport.assertSameRows(digest, clean);
			assertThat(database.count("SELECT chunks_written FROM runs")).isEqualTo(clean.chunks().size());

			Cli jobs = chunker("jobs", "--db", database.url());
			assertThat(jobs.exitCode()).isZero();
			assertThat(jobs.out()).containsPattern("\\s1\\s+2 sample\\s+COMPLETED");

			Cli restart = chunker("restart", "--db", database.url());
			assertThat(restart.exitCode()).as(restart.all()).isEqualTo(1);
			assertThat(restart.err().strip()).as(restart.all())
				.isEqualTo("chunker: run 1 of sample is COMPLETED; only a failed, stopped or crashed run can be restarted");
			assertThat(restart.out()).isEmpty();
		}
	}

	@ParameterizedTest
	@EnumSource(Db.class)
	void restartWithoutAnyRunSaysSo(Db db, @TempDir Path dir) {
		try (TestDatabase database = TestDatabase.create(db, dir)) {
			Cli restart = chunker("restart", "--db", database.url());
			assertThat(restart.exitCode()).as(restart.all()).isEqualTo(2);
			assertThat(restart.err().strip()).isEqualTo("chunker: no run to restart");
			Cli byId = chunker("restart", "42", "--db", database.url());
			assertThat(byId.exitCode()).as(byId.all()).isEqualTo(2);
			assertThat(byId.err().strip()).isEqualTo("chunker: no run with job execution 42");
			Cli jobs = chunker("jobs", "--db", database.url());
			assertThat(jobs.exitCode()).isZero();
			// The runs table has its header only (the job definitions of jobs/, when present, follow a blank line).
			assertThat(jobs.out().lines().takeWhile((line) -> !line.isBlank()).count()).isEqualTo(1);
		}
	}

}
