package dev.chunker.job;

import dev.chunker.store.RunDao;
import dev.chunker.store.RunStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/** Mirrors the job execution's status into the run row, so {@code chunker jobs} needs no Batch tables. */
public class RunStatusListener implements JobExecutionListener {

	private final RunDao runs;

	public RunStatusListener(RunDao runs) {
		this.runs = runs;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		this.runs.startRun(runId(jobExecution), jobExecution.getId());
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		// RunStatus has BatchStatus's names, so the store needs no Spring Batch type.
		this.runs.setRunStatus(runId(jobExecution), RunStatus.valueOf(jobExecution.getStatus().name()));
	}

	private static long runId(JobExecution jobExecution) {
		Long runId = jobExecution.getJobParameters().getLong(BatchNames.PARAM_RUN_ID);
		if (runId == null) {
			throw new IllegalStateException("job parameter " + BatchNames.PARAM_RUN_ID + " is missing");
		}
		return runId;
	}

}
