package dev.chunker.job;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import dev.chunker.job.JobTestSupport.Cli;
import dev.chunker.job.JobTestSupport.Db;
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
import org.junit.jupiter.params.provider.CsvSource;

import static dev.chunker.job.JobTestSupport.chunker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An execution left UNKNOWN in the job repository (by an older version, or by a failure whose rollback failed too),
 * STARTED (by a process that died, or whose launcher gave up on its database) or STOPPING (by a process that exited
 * before its stop was recorded) — the job execution, the partitioned step and the failed partition's step execution
 * — is recovered by the next
 * {@code chunker index} or {@code chunker restart} without manual action, and the run ends with a clean run's rows.
 */
@Timeout(300)
class UnknownRecoveryTest {

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
	@CsvSource({ "H2, index, UNKNOWN", "POSTGRESQL, index, UNKNOWN", "POSTGRESQL, restart, UNKNOWN",
			"H2, index, STARTED", "H2, restart, STOPPING" })
	void anUnknownExecutionIsRecoveredByTheNextStart(Db db, String command, String status, @TempDir Path dir)
			throws Exception {
		ChunkerSettings settings = ChunkerSettings.load(null, System.getenv(), Map.of());
		List<PlannedFile> plan = PartitionPlanner.plan(
				new SourceScanner(settings.rules(), List.of(), List.of(), Long.MAX_VALUE, true).scan(tree).files(),
				(file) -> true, GRID);
		List<PlannedFile> partition = plan.stream().filter((e) -> e.partition() == 2).toList();
		PlannedFile victim = partition.get(partition.size() / 2);

		try (TestDatabase database = TestDatabase.create(db, dir)) {
			String[] index = { "index", tree.toString(), "--repo", "sample", "--db", database.url(), "--threads", "2",
					"--grid-size", String.valueOf(GRID) };
			System.setProperty(FaultInjection.PROPERTY, victim.path());
			Cli failed = chunker(index);
			System.clearProperty(FaultInjection.PROPERTY);
			assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);

			// UNKNOWN: what a failure whose rollback failed too leaves (and what older versions left after a database
			// restart). STARTED: what a process leaves that died, or whose launcher gave up on a database that went
			// away (nothing could be recorded). STOPPING: a process that exited before its stop was recorded (a
			// scheduler whose stop timeout passed).
			String exitCode = status.equals("UNKNOWN") ? "UNKNOWN" : "EXECUTING";
			try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
				statement.executeUpdate("UPDATE BATCH_JOB_EXECUTION SET status = '" + status + "', exit_code = '"
						+ exitCode + "', end_time = NULL");
				statement.executeUpdate("UPDATE BATCH_STEP_EXECUTION SET status = '" + status + "', exit_code = '"
						+ exitCode + "', end_time = NULL WHERE step_name IN ('chunkFiles', 'chunkFilesWorker:partition-0002')");
				statement.executeUpdate("UPDATE runs SET status = '" + status + "'");
			}
			assertThat(database.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE status = ?", status)).isEqualTo(2);

			Cli resumed = command.equals("index") ? chunker(index) : chunker("restart", "--db", database.url());
			assertThat(resumed.exitCode()).as(resumed.all()).isZero();
			assertThat(resumed.out()).contains("COMPLETED run 1 of 'sample' (job execution 2), resumed")
				.contains(plan.size() + " scanned, " + plan.size() + " new, 0 changed, 0 unchanged, 0 deleted, 0 failed");
			assertThat(resumed.out() + resumed.err()).doesNotContain(status).doesNotContain("\tat ");

			// Marked FAILED through the job repository, then restarted: only the partition that had not completed ran again.
			assertThat(database.rows("SELECT job_execution_id, status, exit_code FROM BATCH_JOB_EXECUTION ORDER BY job_execution_id"))
				.containsExactly(List.of(1L, "FAILED", "FAILED"), List.of(2L, "COMPLETED", "COMPLETED"));
			assertThat(database.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE status = ?", status)).isZero();
			assertThat(database.strings("SELECT step_name FROM BATCH_STEP_EXECUTION WHERE job_execution_id = 2 "
					+ "AND step_name LIKE 'chunkFilesWorker:%'")).containsExactly("chunkFilesWorker:partition-0002");
			assertThat(database.rows("SELECT run_id, status, job_execution_id FROM runs"))
				.containsExactly(List.of(1L, "COMPLETED", 2L));
			assertThat(database.count("SELECT COUNT(*) FROM chunk_deletions")).isZero();
			JobTestSupport.assertSameRows(database.digest(), JobTestSupport.cleanRun(db, IndexEndToEndTest.TREE, tree, dir));
		}
	}

	/**
	 * A chunk whose commit was lost with the database: Spring Batch still saves the failed step's context at its end,
	 * counting that chunk's files as read. The restart must not skip them.
	 */
	@ParameterizedTest
	@CsvSource({ "H2", "POSTGRESQL" })
	void aRestartDoesNotSkipFilesCountedByTheContextOfALostCommit(Db db, @TempDir Path dir) throws Exception {
		ChunkerSettings settings = ChunkerSettings.load(null, System.getenv(), Map.of());
		int commitInterval = settings.index().commitInterval();
		List<PlannedFile> plan = PartitionPlanner.plan(
				new SourceScanner(settings.rules(), List.of(), List.of(), Long.MAX_VALUE, true).scan(tree).files(),
				(file) -> true, GRID);
		List<PlannedFile> partition = plan.stream().filter((e) -> e.partition() == 1).toList();
		PlannedFile victim = partition.get(partition.size() * 2 / 3);
		int committed = (victim.ordinal() / commitInterval) * commitInterval;
		try (TestDatabase database = TestDatabase.create(db, dir)) {
			String[] index = { "index", tree.toString(), "--repo", "sample", "--db", database.url(), "--threads", "2",
					"--grid-size", String.valueOf(GRID) };
			System.setProperty(FaultInjection.PROPERTY, victim.path());
			assertThat(chunker(index).exitCode()).isEqualTo(1);
			System.clearProperty(FaultInjection.PROPERTY);

			// The failed partition's saved context as it is after a lost commit: one chunk further than what was committed.
			long stepId = database.count("SELECT step_execution_id FROM BATCH_STEP_EXECUTION "
					+ "WHERE step_name = 'chunkFilesWorker:partition-0001'");
			String context = String.valueOf(database.rows("SELECT short_context FROM BATCH_STEP_EXECUTION_CONTEXT "
					+ "WHERE step_execution_id = ?", stepId).get(0).get(0));
			var serializer = new org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer();
			Map<String, Object> values = new java.util.HashMap<>(serializer.deserialize(
					new java.io.ByteArrayInputStream(context.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
			String key = BatchNames.READER + ".read.count";
			assertThat(values.get(key)).isEqualTo(committed);
			values.put(key, committed + commitInterval);
			var bytes = new java.io.ByteArrayOutputStream();
			serializer.serialize(values, bytes);
			try (Connection connection = database.connect();
					var update = connection.prepareStatement("UPDATE BATCH_STEP_EXECUTION_CONTEXT SET short_context = ? "
							+ "WHERE step_execution_id = ?")) {
				update.setString(1, bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
				update.setLong(2, stepId);
				assertThat(update.executeUpdate()).isOne();
			}

			Cli resumed = chunker(index);
			assertThat(resumed.exitCode()).as(resumed.all()).isZero();
			assertThat(resumed.out()).contains(plan.size() + " scanned, " + plan.size() + " new");
			JobTestSupport.assertSameRows(database.digest(), JobTestSupport.cleanRun(db, IndexEndToEndTest.TREE, tree, dir));
		}
	}

}
