package dev.chunker.job;

import dev.chunker.store.RunStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * How an index run ended, for the commands and the scheduler (which see no Spring Batch type). The reason is worded
 * here and nowhere else.
 * @param runId the run (row of {@code runs})
 * @param jobExecutionId the job execution that ran it
 * @param status how it ended
 * @param resumed whether it continued an unfinished run
 * @param reason one line on why it did not complete ({@code ""} when it completed)
 */
public record IndexOutcome(long runId, long jobExecutionId, RunStatus status, boolean resumed, String reason) {

	/** Whether every partition is done. */
	public boolean completed() {
		return this.status == RunStatus.COMPLETED;
	}

	/** Whether it ended on a stop request (shutdown), not on a failure. */
	public boolean stopped() {
		return this.status == RunStatus.STOPPED || this.status == RunStatus.STOPPING;
	}

	static IndexOutcome of(long runId, JobExecution execution, boolean resumed) {
		RunStatus status = RunStatus.valueOf(execution.getStatus().name());
		return new IndexOutcome(runId, execution.getId(), status, resumed, reason(status, failure(execution)));
	}

	/** The wording of every outcome that is not a completion. */
	static String reason(RunStatus status, String failure) {
		return switch (status) {
			case COMPLETED -> "";
			case STOPPED, STOPPING -> "the run was stopped before it completed";
			default -> "the run did not complete" + (failure.isEmpty() ? "" : ": " + failure);
		};
	}

	/**
	 * The failure of a run in one line: the failed worker step's own error (the partitioned step only says that a
	 * partition failed), else the first line of the job's exit description, else {@code ""}.
	 */
	static String failure(JobExecution execution) {
		if (execution.getAllFailureExceptions().stream().anyMatch(DiskFull::causedBy)) {
			return DiskFull.sentence();
		}
		for (Throwable failure : execution.getAllFailureExceptions()) {
			if (failure instanceof dev.chunker.job.remote.RemotePartitionHandler.WorkersLostException worded) {
				return String.valueOf(worded.getMessage());
			}
		}
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStatus() == BatchStatus.FAILED && !step.getFailureExceptions().isEmpty()
					&& !BatchNames.STEP_CHUNK_FILES.equals(step.getStepName())) {
				return step.getStepName() + ": " + oneLine(step.getFailureExceptions().get(0));
			}
		}
		return firstLine(execution.getExitStatus().getExitDescription());
	}

	/**
	 * One line for the user: a full disk in those words ({@link DiskFull}), else the first line of the deepest message
	 * in the cause chain (where the real reason is).
	 */
	public static String oneLine(Throwable ex) {
		if (DiskFull.causedBy(ex)) {
			return DiskFull.sentence();
		}
		if (DamagedDatabase.causedBy(ex)) {
			return DamagedDatabase.sentence(ex);
		}
		String message = null;
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
			if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
				message = cause.getMessage();
			}
		}
		return (message == null) ? ex.getClass().getSimpleName() : firstLine(message);
	}

	private static String firstLine(@Nullable String text) {
		return (text == null || text.isBlank()) ? "" : text.strip().lines().findFirst().orElse("").strip();
	}

}
