package dev.chunker.job;

import dev.chunker.store.RunStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import static org.assertj.core.api.Assertions.assertThat;

/** The wording of how a run ended, from job executions built by hand. */
class IndexOutcomeTest {

	@Test
	void completedRunHasNoReason() {
		JobExecution execution = execution(BatchStatus.COMPLETED, ExitStatus.COMPLETED);
		IndexOutcome outcome = IndexOutcome.of(3, execution, false);
		assertThat(outcome).isEqualTo(new IndexOutcome(3, 7, RunStatus.COMPLETED, false, ""));
		assertThat(outcome.completed()).isTrue();
		assertThat(outcome.stopped()).isFalse();
	}

	@Test
	void failedWorkerStepNamesItselfAndItsDeepestCause() {
		JobExecution execution = execution(BatchStatus.FAILED, ExitStatus.FAILED.addExitDescription("partition failed"));
		step(execution, BatchNames.STEP_SCAN, BatchStatus.COMPLETED, null);
		// The manager step only says that a partition failed: the worker's own error is the reason.
		step(execution, BatchNames.STEP_CHUNK_FILES, BatchStatus.FAILED, new IllegalStateException("Partition handler returned an unsuccessful step"));
		step(execution, BatchNames.STEP_CHUNK_FILES_WORKER + ":" + BatchNames.partitionName(2), BatchStatus.FAILED,
				new RuntimeException("wrapped", new IllegalStateException("disk full\n\tsecond line")));
		IndexOutcome outcome = IndexOutcome.of(3, execution, true);
		assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
		assertThat(outcome.resumed()).isTrue();
		assertThat(outcome.completed()).isFalse();
		assertThat(outcome.reason()).isEqualTo("the run did not complete: chunkFilesWorker:partition-0002: disk full");
	}

	@Test
	void failureWithoutAFailedStepTakesTheFirstLineOfTheExitDescription() {
		JobExecution execution = execution(BatchStatus.FAILED,
				ExitStatus.FAILED.addExitDescription("org.example.Boom: no connection\n\tat somewhere"));
		assertThat(IndexOutcome.of(1, execution, false).reason())
			.isEqualTo("the run did not complete: org.example.Boom: no connection");
		assertThat(IndexOutcome.of(1, execution(BatchStatus.FAILED, ExitStatus.FAILED), false).reason())
			.isEqualTo("the run did not complete");
	}

	@Test
	void stoppedRunSaysSoWhateverItsSteps() {
		for (BatchStatus status : new BatchStatus[] { BatchStatus.STOPPED, BatchStatus.STOPPING }) {
			IndexOutcome outcome = IndexOutcome.of(1, execution(status, ExitStatus.STOPPED), false);
			assertThat(outcome.stopped()).isTrue();
			assertThat(outcome.reason()).isEqualTo("the run was stopped before it completed");
		}
	}

	@Test
	void everyBatchStatusHasARunStatus() {
		for (BatchStatus status : BatchStatus.values()) {
			assertThat(IndexOutcome.of(1, execution(status, ExitStatus.UNKNOWN), false).status().name()).isEqualTo(status.name());
		}
	}

	@Test
	void oneLineIsTheDeepestMessageOrTheTypeName() {
		assertThat(IndexOutcome.oneLine(new IllegalStateException("outer", new RuntimeException("  inner\nmore  "))))
			.isEqualTo("inner");
		assertThat(IndexOutcome.oneLine(new IllegalStateException("outer", new RuntimeException(" ")))).isEqualTo("outer");
		assertThat(IndexOutcome.oneLine(new NullPointerException())).isEqualTo("NullPointerException");
	}

	@Test
	void aDamagedH2FileIsWordedAsSuchWhereverItSitsInTheChain() {
		java.sql.SQLException h2 = new java.sql.SQLException("Row \"427\" not found in primary index \"PUBLIC.CHUNKS_DATA\" [90143-240]",
				"HY000", 90143);
		String line = IndexOutcome.oneLine(new IllegalStateException("chunk write failed",
				new org.springframework.dao.DataIntegrityViolationException("wrapped", h2)));
		assertThat(line).startsWith("the H2 database file is damaged (Row \"427\" not found in primary index")
			.contains("index into a new database file").doesNotContain("\n");
		assertThat(DamagedDatabase.causedBy(new java.sql.SQLException("File corrupted while reading record", "90030", 90030)))
			.isTrue();
		assertThat(DamagedDatabase.causedBy(new java.sql.SQLException("Duplicate key", "23505", 23505))).isFalse();
		assertThat(DamagedDatabase.causedBy(new RuntimeException("no sql"))).isFalse();
	}

	@Test
	void aFullDiskIsWordedAsSuchWhereverItSitsInTheChain() {
		// H2's own chain: Spring's translation, the closed database, the failed store write, the OS error.
		Throwable h2 = new RuntimeException("PreparedStatementCallback; The database has been closed",
				new java.sql.SQLException("The database has been closed", "90098",
						new IllegalStateException("Writing to FileChannel failed", new java.io.IOException("No space left on device"))));
		assertThat(DiskFull.causedBy(h2)).isTrue();
		assertThat(IndexOutcome.oneLine(h2)).startsWith("no space left on device for the database; free space there");
		// PostgreSQL's disk_full, and a first error kept as suppressed by a failed lock release.
		assertThat(DiskFull.causedBy(new java.sql.SQLException("could not extend file", "53100"))).isTrue();
		RuntimeException release = new IllegalStateException("cannot release the lock");
		release.addSuppressed(h2);
		assertThat(DiskFull.causedBy(release)).isTrue();
		// Other I/O errors are not a full disk.
		assertThat(DiskFull.causedBy(new IllegalStateException(new java.io.IOException("Input/output error")))).isFalse();
		assertThat(DiskFull.causedBy(new java.sql.SQLException("No space left on device", "08006"))).isFalse();

		JobExecution execution = execution(BatchStatus.FAILED, ExitStatus.FAILED);
		step(execution, BatchNames.STEP_CHUNK_FILES_WORKER + ":" + BatchNames.partitionName(1), BatchStatus.FAILED, h2);
		assertThat(IndexOutcome.of(1, execution, false).reason())
			.isEqualTo("the run did not complete: " + DiskFull.sentence());
	}

	@Test
	void theFullDatabaseIsNamedByItsFile() {
		assertThat(DiskFull.where("jdbc:h2:file:/data/idx;AUTO_SERVER=TRUE")).isEqualTo("H2 database file /data/idx.mv.db");
		assertThat(DiskFull.where("jdbc:h2:/data/x/../idx")).isEqualTo("H2 database file /data/idx.mv.db");
		assertThat(DiskFull.where("jdbc:h2:~/idx")).isEqualTo("H2 database file "
				+ java.nio.file.Path.of(System.getProperty("user.home"), "idx.mv.db"));
		assertThat(DiskFull.where("jdbc:h2:tcp://host/idx")).isEqualTo("database jdbc:h2:tcp://host/idx");
		assertThat(DiskFull.where("jdbc:postgresql://db:5432/chunker?user=x"))
			.isEqualTo("database jdbc:postgresql://db:5432/chunker?user=x");
		assertThat(DiskFull.sentence("jdbc:h2:file:/data/idx")).isEqualTo("no space left on device for the H2 database file "
				+ "/data/idx.mv.db; free space there and run 'chunker index' again to resume the run");
	}

	private static JobExecution execution(BatchStatus status, ExitStatus exit) {
		JobExecution execution = new JobExecution(7, new JobInstance(5, BatchNames.JOB), new JobParameters());
		execution.setStatus(status);
		execution.setExitStatus(exit);
		return execution;
	}

	private static void step(JobExecution execution, String name, BatchStatus status, @Nullable Throwable failure) {
		StepExecution step = new StepExecution(name, execution);
		step.setStatus(status);
		if (failure != null) {
			step.addFailureException(failure);
		}
		execution.addStepExecution(step);
	}

}
