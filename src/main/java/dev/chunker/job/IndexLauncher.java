package dev.chunker.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import dev.chunker.store.RepositoryDao;
import dev.chunker.store.RepositoryLock;
import dev.chunker.store.RepositoryLockDao;
import dev.chunker.store.RunDao;
import dev.chunker.store.RunRecord;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Starts index runs: a new run for a repository whose last run completed, or a restart of its last run when that
 * one failed, was stopped, or crashed (a crashed run is still STARTED in the job repository, one whose database went
 * away may be UNKNOWN; it is recovered first, by {@link ExecutionRecovery}). Holding the repository's lock is what makes a STARTED run a crashed one: no live process runs it.
 */
public class IndexLauncher {

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job job;

	private final ExecutionRecovery recovery;

	private final RepositoryDao repositories;

	private final RunDao runs;

	private final RepositoryLockDao locks;

	private final Duration lockTtl;

	/** In-process resumptions of one run after outages (each within the tolerance) before it is given up. */
	static final int MAX_RESUMPTIONS = 5;

	private final DatabaseOutages outages;

	private volatile boolean stopRequested;

	private final InFlightJournals journals;

	private RecoveryGate recoveryGate = RecoveryGate.NONE;

	/** The runs this process is executing (several when repositories are indexed in parallel), so a shutdown stops only its own executions. */
	private final Set<Long> currentRuns = ConcurrentHashMap.newKeySet();

	public IndexLauncher(JobOperator jobOperator, JobRepository jobRepository, Job job, RepositoryDao repositories,
			RunDao runs, RepositoryLockDao locks, Duration lockTtl, DataSource dataSource, Duration outageTolerance,
			InFlightJournals journals) {
		this.journals = journals;
		this.lockTtl = lockTtl;
		this.outages = new DatabaseOutages(dataSource, outageTolerance);
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.recovery = new ExecutionRecovery(jobRepository);
		this.job = job;
		this.repositories = repositories;
		this.runs = runs;
		this.locks = locks;
	}

	/** Sets what an interrupted run waits for before it is recovered (remote mode: live workers' partitions). */
	public void setRecoveryGate(RecoveryGate gate) {
		this.recoveryGate = gate;
	}

	/**
	 * Opens the repository's in-flight journal around a start or restart: files a dead process left in flight are
	 * counted first, and the ones quarantined are skipped by the run.
	 */
	private IndexOutcome journaled(String repoName, Path root, ExecutionCall call, long runId, boolean restarted)
			throws Exception {
		this.journals.open(repoName, root);
		try {
			return track(runId, call, restarted);
		}
		finally {
			this.journals.close(repoName);
		}
	}

	/**
	 * Indexes a directory: restarts the repository's unfinished run, or starts a new one.
	 * @return how the run ended
	 */
	public IndexOutcome index(String repoName, Path root, List<String> includes, List<String> excludes) throws Exception {
		try (RepositoryLock lock = this.locks.acquire(repoName, this.lockTtl)) {
			return indexLocked(repoName, root, includes, excludes);
		}
	}

	private IndexOutcome indexLocked(String repoName, Path root, List<String> includes, List<String> excludes) throws Exception {
		String rootPath = root.toAbsolutePath().normalize().toString();
		long repoId = this.repositories.upsertRepository(repoName, rootPath);
		Optional<RunRecord> last = this.runs.lastRun(repoId);
		if (last.isPresent() && last.get().rootPath().equals(rootPath)) {
			Optional<JobExecution> unfinished = unfinished(last.get());
			if (unfinished.isPresent()) {
				return journaled(repoName, root, () -> restart(unfinished.get()), last.get().runId(), true);
			}
		}
		long runId = this.runs.createRun(repoId);
		JobParameters parameters = new JobParametersBuilder().addString(BatchNames.PARAM_REPO, repoName)
			.addString(BatchNames.PARAM_ROOT, rootPath)
			.addLong(BatchNames.PARAM_RUN_ID, runId)
			.addLong(BatchNames.PARAM_REPO_ID, repoId, false)
			.addString(BatchNames.PARAM_INCLUDE, String.join("\n", includes), false)
			.addString(BatchNames.PARAM_EXCLUDE, String.join("\n", excludes), false)
			.toJobParameters();
		return journaled(repoName, root, () -> this.jobOperator.start(this.job, parameters), runId, false);
	}

	/**
	 * Runs a start or restart; when the database goes away meanwhile, waits for it (up to the outage tolerance),
	 * recovers the execution the outage left and resumes the run from its last commit, a few times at most.
	 */
	private IndexOutcome track(long runId, ExecutionCall call, boolean restarted) throws Exception {
		this.currentRuns.add(runId);
		try {
			ExecutionCall next = call;
			boolean resumed = restarted;
			for (int resumption = 0;; resumption++) {
				Throwable lost;
				try {
					JobExecution execution = next.run();
					lost = DatabaseOutages.connectionFailure(execution);
					if (lost == null || execution.getStatus() == BatchStatus.STOPPED) {
						return IndexOutcome.of(runId, execution, resumed);
					}
				}
				catch (Exception ex) {
					if (!DatabaseOutages.isConnectionFailure(ex)) {
						throw ex;
					}
					lost = ex;
				}
				next = resumeAfterOutage(runId, lost, resumption);
				resumed = true;
			}
		}
		finally {
			this.currentRuns.remove(runId);
		}
	}

	/** Waits for the database that {@code lost} went away with, then returns the restart of the run's execution. */
	private ExecutionCall resumeAfterOutage(long runId, Throwable lost, int resumption) throws InterruptedException {
		long seconds = this.outages.tolerance().toSeconds();
		String givenUp = null;
		if (resumption >= MAX_RESUMPTIONS) {
			givenUp = "it went away " + (resumption + 1) + " times in this run";
		}
		else if (this.stopRequested) {
			givenUp = "the run was stopped while it was away";
		}
		else if (this.outages.tolerance().isZero() || !this.outages.awaitDatabase()) {
			givenUp = "it did not answer again within " + seconds + " s (database.outage_tolerance_s)";
		}
		if (givenUp != null) {
			throw new DatabaseOutageException(IndexOutcome.oneLine(lost) + "; " + givenUp, lost);
		}
		RunRecord run = this.runs.run(runId).orElseThrow(() -> new DatabaseOutageException(
				"run " + runId + " is not in the database after it came back", lost));
		JobExecution execution = unfinished(run).orElseThrow(() -> new DatabaseOutageException(
				"run " + runId + " has no execution to resume after the database came back", lost));
		return () -> restart(execution);
	}

	@FunctionalInterface
	private interface ExecutionCall {

		JobExecution run() throws Exception;

	}

	/** Restarts a run by its id, or the repository's last unfinished run. */
	public IndexOutcome restart(RunRecord run) throws Exception {
		try (RepositoryLock lock = this.locks.acquire(run.repoName(), this.lockTtl)) {
			return restartLocked(run);
		}
	}

	private IndexOutcome restartLocked(RunRecord run) throws Exception {
		JobExecution execution = unfinished(run).orElseThrow(() -> new IllegalStateException(
				"run " + run.runId() + " of " + run.repoName() + " is " + run.status() + "; only a failed, stopped or crashed run can be restarted"));
		return journaled(run.repoName(), Path.of(run.rootPath()), () -> restart(execution), run.runId(), true);
	}

	private Optional<JobExecution> unfinished(RunRecord run) {
		if (run.jobExecutionId() == null) {
			return Optional.empty();
		}
		JobExecution execution = this.jobRepository.getJobExecution(run.jobExecutionId());
		if (execution == null) {
			return Optional.empty();
		}
		BatchStatus status = execution.getStatus();
		return (status == BatchStatus.COMPLETED || status == BatchStatus.ABANDONED) ? Optional.empty() : Optional.of(execution);
	}

	private JobExecution restart(JobExecution execution) throws Exception {
		// A process that died leaves its execution STARTED, a database that went away may leave it UNKNOWN: mark
		// them (and their step executions) failed so that the run can be restarted.
		this.recoveryGate.awaitBeforeRecovery(execution);
		return this.jobOperator.restart(this.recovery.recover(execution));
	}

	/**
	 * Stops this process's running executions (SIGTERM, Ctrl-C) so that they end STOPPED, not STARTED: restartable.
	 * @return whether an execution was asked to stop
	 */
	public boolean stopCurrent() {
		if (this.currentRuns.isEmpty()) {
			return false;
		}
		this.stopRequested = true;
		boolean stopped = false;
		for (JobExecution execution : this.jobRepository.findRunningJobExecutions(BatchNames.JOB)) {
			Long executionRun = execution.getJobParameters().getLong(BatchNames.PARAM_RUN_ID);
			if (executionRun != null && this.currentRuns.contains(executionRun)
					&& execution.getStatus() != BatchStatus.STOPPING) {
				try {
					stopped |= this.jobOperator.stop(execution);
				}
				catch (Exception ex) {
					// Already finishing.
				}
			}
		}
		return stopped;
	}

	/** Whether this process is executing a run now. */
	public boolean running() {
		return !this.currentRuns.isEmpty();
	}

}
