package dev.chunker.job;

import java.time.LocalDateTime;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Makes an unfinished run restartable: every execution of its job instance, and every step execution of those, that
 * is still running (its process died) or UNKNOWN (its status could not be saved: the database went away, or a
 * rollback failed too) is marked FAILED through the job repository.
 * <p>
 * Spring Batch refuses to restart from UNKNOWN ("manual intervention is probably necessary"), and
 * {@code JobOperator.recover} leaves UNKNOWN executions and step executions as they are. Here it is safe to go on:
 * a file's rows and the reader's restart state commit in one transaction and a file's writes are idempotent (its
 * row and chunks are replaced as a whole), so a partition resumed from its last committed state redoes at most the
 * files of a chunk that may or may not have been committed, and ends with the rows a clean run writes.
 */
final class ExecutionRecovery {

	/** Exit description of what was recovered, for the job repository (and {@code chunker jobs}). */
	static final String DESCRIPTION = "recovered at the next start: the process ended, or its database went away, before it could record how the run ended";

	private final JobRepository jobRepository;

	ExecutionRecovery(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	/** Whether an execution is one this class recovers. */
	static boolean unfinished(BatchStatus status) {
		return status.isRunning() || status == BatchStatus.UNKNOWN;
	}

	/**
	 * Marks the unfinished executions of {@code last}'s job instance FAILED.
	 * @return {@code last} as the job repository now holds it
	 */
	JobExecution recover(JobExecution last) {
		for (JobExecution listed : this.jobRepository.getJobExecutions(last.getJobInstance())) {
			// Loaded by id: with its step executions and their current versions.
			JobExecution execution = this.jobRepository.getJobExecution(listed.getId());
			if (execution != null) {
				recoverOne(execution);
			}
		}
		JobExecution reloaded = this.jobRepository.getJobExecution(last.getId());
		return (reloaded != null) ? reloaded : last;
	}

	private void recoverOne(JobExecution execution) {
		LocalDateTime now = LocalDateTime.now();
		for (StepExecution step : execution.getStepExecutions()) {
			if (unfinished(step.getStatus())) {
				step.setStatus(BatchStatus.FAILED);
				step.setExitStatus(failed(step.getExitStatus()));
				if (step.getEndTime() == null) {
					step.setEndTime(now);
				}
				this.jobRepository.update(step);
			}
		}
		if (unfinished(execution.getStatus())) {
			execution.setStatus(BatchStatus.FAILED);
			execution.setExitStatus(failed(execution.getExitStatus()));
			if (execution.getEndTime() == null) {
				execution.setEndTime(now);
			}
			this.jobRepository.update(execution);
		}
	}

	/** FAILED with this recovery's description, then what was recorded before (UNKNOWN outranks FAILED in {@code and}). */
	private static ExitStatus failed(ExitStatus before) {
		return ExitStatus.FAILED.addExitDescription(DESCRIPTION).addExitDescription(before.getExitDescription());
	}

}
