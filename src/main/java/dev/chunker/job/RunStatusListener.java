package dev.chunker.job;

import dev.chunker.store.IndexStore;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/** Mirrors the job execution's status into the run row, so {@code chunker jobs} needs no Batch tables. */
public class RunStatusListener implements JobExecutionListener {

	private final IndexStore store;

	public RunStatusListener(IndexStore store) {
		this.store = store;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		this.store.startRun(runId(jobExecution), jobExecution.getId());
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		this.store.setRunStatus(runId(jobExecution), jobExecution.getStatus().name());
	}

	private static long runId(JobExecution jobExecution) {
		Long runId = jobExecution.getJobParameters().getLong(BatchNames.PARAM_RUN_ID);
		if (runId == null) {
			throw new IllegalStateException("job parameter " + BatchNames.PARAM_RUN_ID + " is missing");
		}
		return runId;
	}

}
