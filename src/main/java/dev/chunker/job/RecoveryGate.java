package dev.chunker.job;

import org.springframework.batch.core.job.JobExecution;

/**
 * What must happen before an interrupted run is recovered and restarted. Locally nothing: the lock proves that no
 * process runs it. In remote mode, workers on other machines may still execute partitions of a manager that died;
 * the gate waits for them, so that recovery does not fail a partition a live worker is finishing.
 */
@FunctionalInterface
public interface RecoveryGate {

	RecoveryGate NONE = (execution) -> {
	};

	void awaitBeforeRecovery(JobExecution execution) throws InterruptedException;

}
