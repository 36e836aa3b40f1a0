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
