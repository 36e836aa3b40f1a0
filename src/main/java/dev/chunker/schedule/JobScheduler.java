package dev.chunker.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.chunker.job.IndexLauncher;
import dev.chunker.settings.ChunkerSettings;
import dev.chunker.store.FileErrorDao;
import dev.chunker.store.RepositoryDao;
import dev.chunker.store.RunDao;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Runs job definitions at their cron times. A trigger hands the run to a thread of its own and returns, so the
 * trigger of a job whose previous run is still going fires too, and is skipped (logged and counted), never queued.
 * Each run opens the job's database (a Spring context of the index job), runs its repositories and closes it
 * ({@link ScheduledRunner}). A run that failed, crashed or was stopped is resumed by the next one
 * ({@link IndexLauncher#index} restarts a repository's unfinished run); with catch-up, a job whose last run did not
 * complete, that never ran, or that missed a scheduled time runs at start-up. One run per repository across
 * processes is the repository lock's business.
 */
public final class JobScheduler {

	/** A job's database, open for one run. */
	public interface Workspace extends AutoCloseable {

		ChunkerSettings settings();

		IndexLauncher launcher();

		RepositoryDao repositories();

		RunDao runs();

		FileErrorDao errors();

		@Override
		void close();

	}

	/** Opens a job's database. */
	@FunctionalInterface
	public interface Opener {

		Workspace open(JobDefinition definition) throws Exception;

	}

	private final List<ScheduledJob> jobs = new ArrayList<>();

	private final ScheduledRunner runner;

	private final ScheduleMetrics metrics;

	private final EventLog log;

	private final ThreadPoolTaskScheduler triggers = new ThreadPoolTaskScheduler();

	private volatile boolean stopping;

	public JobScheduler(List<JobDefinition> definitions, Opener opener, ScheduleMetrics metrics, EventLog log) {
		for (JobDefinition definition : definitions) {
			if (definition.schedule() == null) {
				throw new IllegalArgumentException("job '" + definition.name() + "' has no schedule");
			}
			this.jobs.add(new ScheduledJob(definition));
		}
		this.runner = new ScheduledRunner(opener, metrics, log, this::stopping);
		this.metrics = metrics;
		this.log = log;
		this.triggers.setPoolSize(1);
		this.triggers.setThreadNamePrefix("schedule-");
		this.triggers.setRemoveOnCancelPolicy(true);
	}

	/** Schedules every job; with {@code catchUp}, first runs those that are due (see the class comment). */
	public void start(boolean catchUp) {
		this.triggers.initialize();
		for (ScheduledJob job : this.jobs) {
			this.metrics.register(job.definition);
			JobDefinition.Schedule schedule = job.schedule();
			job.future = this.triggers.schedule(() -> fire(job, false), new CronTrigger(schedule.cron(), schedule.zone()));
			this.log.line("job '" + job.name() + "': scheduled " + schedule + ", " + job.definition.repositories().size()
					+ " repositories; next run " + job.nextText());
		}
		if (catchUp) {
			for (ScheduledJob job : this.jobs) {
				fire(job, true);
			}
		}
	}

	/** The moment a trigger fires: start a run on a thread of its own, unless the previous run is still going. */
	private void fire(ScheduledJob job, boolean catchUp) {
		if (this.stopping) {
			return;
		}
		if (!job.running.compareAndSet(false, true)) {
			job.skipped.incrementAndGet();
			this.metrics.skipped(job.name());
			Instant since = job.currentStart;
			this.log.line("job '" + job.name() + "': trigger skipped, the previous run"
					+ ((since != null) ? " (started " + EventLog.time(since) + ")" : "") + " is still going");
			return;
		}
		job.currentStart = Instant.now();
		Thread.ofPlatform().name("job-" + job.name()).start(() -> {
			try {
				this.runner.run(job, catchUp);
			}
			catch (RuntimeException | Error ex) {
				this.log.line("job '" + job.name() + "': run aborted: " + JobRun.describe(ex));
			}
			finally {
				job.current = null;
				job.currentStart = null;
				this.metrics.running(job.name(), false);
				job.running.set(false);
			}
		});
	}

	/**
	 * Stops scheduling, stops the running executions (they end STOPPED and are resumed by the next start) and
	 * waits for the runs to end.
	 * @return whether every run ended within the timeout
	 */
	public boolean shutdown(Duration timeout) {
		this.stopping = true;
		for (ScheduledJob job : this.jobs) {
			if (job.future != null) {
				job.future.cancel(false);
			}
		}
		this.triggers.shutdown();
		long deadline = System.nanoTime() + timeout.toNanos();
		boolean announced = false;
		while (true) {
			boolean anyRunning = false;
			for (ScheduledJob job : this.jobs) {
				if (job.running.get()) {
					anyRunning = true;
					if (!announced) {
						this.log.line("job '" + job.name() + "': stopping the running run (it will be resumed)");
					}
					JobRun run = job.current;
					if (run != null) {
						run.stop();
					}
				}
			}
			announced = true;
			if (!anyRunning) {
				return true;
			}
			if (System.nanoTime() > deadline) {
				this.log.line("runs still going after " + timeout.toSeconds()
						+ " s; exiting anyway (their executions are recovered and resumed by the next start)");
				return false;
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
	}

	public boolean stopping() {
		return this.stopping;
	}

	/** The state of every job, for the health endpoint. */
	public Map<String, Object> status() {
		Map<String, Object> status = new LinkedHashMap<>();
		for (ScheduledJob job : this.jobs) {
			status.put(job.name(), job.status());
		}
		return status;
	}

	/** Triggers skipped so far for a job. */
	public long skipped(String job) {
		return this.jobs.stream().filter((j) -> j.name().equals(job)).mapToLong((j) -> j.skipped.get()).sum();
	}

}
