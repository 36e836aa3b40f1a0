package dev.chunker.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.chunker.job.IndexLauncher;
import dev.chunker.settings.ChunkerSettings;
import dev.chunker.store.FileErrorDao;
import dev.chunker.store.RepositoryDao;
import dev.chunker.store.RunDao;
import dev.chunker.store.RunRecord;
import dev.chunker.store.RunStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Runs job definitions at their cron times. A trigger hands the run to a thread of its own and returns, so the
 * trigger of a job whose previous run is still going fires too, and is skipped (logged and counted), never queued.
 * Each run opens the job's database (a Spring context of the index job), runs its repositories and closes it, so
 * nothing is held between runs. A run that failed, crashed or was stopped is resumed by the next one
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

	private final List<Slot> slots = new ArrayList<>();

	private final Opener opener;

	private final ScheduleMetrics metrics;

	private final EventLog log;

	private final ThreadPoolTaskScheduler triggers = new ThreadPoolTaskScheduler();

	private volatile boolean stopping;

	public JobScheduler(List<JobDefinition> definitions, Opener opener, ScheduleMetrics metrics, EventLog log) {
		for (JobDefinition definition : definitions) {
			if (definition.schedule() == null) {
				throw new IllegalArgumentException("job '" + definition.name() + "' has no schedule");
			}
			this.slots.add(new Slot(definition));
		}
		this.opener = opener;
		this.metrics = metrics;
		this.log = log;
		this.triggers.setPoolSize(1);
		this.triggers.setThreadNamePrefix("schedule-");
		this.triggers.setRemoveOnCancelPolicy(true);
	}

	/** Schedules every job; with {@code catchUp}, first runs those that are due (see the class comment). */
	public void start(boolean catchUp) {
		this.triggers.initialize();
		for (Slot slot : this.slots) {
			this.metrics.register(slot.definition);
			JobDefinition.Schedule schedule = slot.schedule();
			slot.future = this.triggers.schedule(() -> fire(slot, false), new CronTrigger(schedule.cron(), schedule.zone()));
			this.log.line("job '" + slot.definition.name() + "': scheduled " + schedule + ", " + slot.definition.repositories().size()
					+ " repositories; next run " + next(slot).map(JobScheduler::format).orElse("never"));
		}
		if (catchUp) {
			for (Slot slot : this.slots) {
				fire(slot, true);
			}
		}
	}

	/** The moment a trigger fires: start a run on a thread of its own, unless the previous run is still going. */
	private void fire(Slot slot, boolean catchUp) {
		if (this.stopping) {
			return;
		}
		if (!slot.running.compareAndSet(false, true)) {
			slot.skipped.incrementAndGet();
			this.metrics.skipped(slot.definition.name());
			Instant since = slot.currentStart;
			this.log.line("job '" + slot.definition.name() + "': trigger skipped, the previous run"
					+ ((since != null) ? " (started " + EventLog.time(since) + ")" : "") + " is still going");
			return;
		}
		slot.currentStart = Instant.now();
		Thread.ofPlatform().name("job-" + slot.definition.name()).start(() -> {
			try {
				run(slot, catchUp);
			}
			catch (RuntimeException | Error ex) {
				this.log.line("job '" + slot.definition.name() + "': run aborted: " + JobRun.describe(ex));
			}
			finally {
				slot.current = null;
				slot.currentStart = null;
				this.metrics.running(slot.definition.name(), false);
				slot.running.set(false);
			}
		});
	}

	private void run(Slot slot, boolean catchUp) {
		JobDefinition definition = slot.definition;
		String name = definition.name();
		Instant started = Instant.now();
		long begin = System.nanoTime();
		this.metrics.running(name, true);
		JobResult result;
		Workspace workspace = null;
		try {
			workspace = this.opener.open(definition);
			if (catchUp) {
				Optional<String> reason = catchUpReason(slot, workspace.repositories(), workspace.runs());
				if (reason.isEmpty()) {
					this.log.line("job '" + name + "': catch-up: every repository's last run completed after the last scheduled time; nothing to do");
					return;
				}
				this.log.line("job '" + name + "': catch-up run: " + reason.get());
			}
			else {
				this.log.line("job '" + name + "': run started");
			}
			JobRun run = new JobRun(definition, workspace.settings(), workspace.launcher(), workspace.runs(), workspace.errors(), 1,
					new LoggingListener(name));
			slot.current = run;
			if (this.stopping) {
				run.stop();
			}
			result = run.execute();
		}
		catch (Exception ex) {
			result = new JobResult(name, started, List.of(), Duration.ofNanos(System.nanoTime() - begin), JobRun.describe(ex));
			this.log.line("job '" + name + "': could not run: " + result.error() + "; the next trigger tries again");
		}
		finally {
			if (workspace != null) {
				workspace.close();
			}
		}
		slot.last = result;
		this.metrics.jobFinished(result);
		this.log.line(String.format(Locale.ROOT, "job '%s': run %s: %d of %d repositories completed in %.1f s; next run %s", name,
				result.status(), result.completedCount(), definition.repositories().size(),
				result.duration().toMillis() / 1000.0, this.stopping ? "after restart" : next(slot).map(JobScheduler::format).orElse("never")));
	}

	/** Why a job is due at start-up, or empty when every repository's last run completed after its last scheduled time. */
	private Optional<String> catchUpReason(Slot slot, RepositoryDao repositories, RunDao runs) {
		Instant now = Instant.now();
		for (JobDefinition.Repository repository : slot.definition.repositories()) {
			Optional<Long> repoId = repositories.repositoryId(repository.name());
			Optional<RunRecord> last = repoId.flatMap(runs::lastRun);
			if (last.isEmpty()) {
				return Optional.of("repository '" + repository.name() + "' was never indexed");
			}
			RunRecord run = last.get();
			if (run.status() != RunStatus.COMPLETED) {
				return Optional.of("repository '" + repository.name() + "' has an unfinished run " + run.runId() + " ("
						+ run.status() + ")");
			}
			Instant started = run.startedAt();
			Optional<ZonedDateTime> due = (started != null) ? slot.schedule().next(started) : Optional.empty();
			if (due.isPresent() && due.get().toInstant().isBefore(now)) {
				return Optional.of("a scheduled run (" + format(due.get()) + ") was missed");
			}
		}
		return Optional.empty();
	}

	/**
	 * Stops scheduling, stops the running executions (they end STOPPED and are resumed by the next start) and
	 * waits for the runs to end.
	 * @return whether every run ended within the timeout
	 */
	public boolean shutdown(Duration timeout) {
		this.stopping = true;
		for (Slot slot : this.slots) {
			if (slot.future != null) {
				slot.future.cancel(false);
			}
		}
		this.triggers.shutdown();
		long deadline = System.nanoTime() + timeout.toNanos();
		boolean announced = false;
		while (true) {
			boolean anyRunning = false;
			for (Slot slot : this.slots) {
				if (slot.running.get()) {
					anyRunning = true;
					if (!announced) {
						this.log.line("job '" + slot.definition.name() + "': stopping the running run (it will be resumed)");
					}
					JobRun run = slot.current;
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
		Map<String, Object> jobs = new LinkedHashMap<>();
		for (Slot slot : this.slots) {
			Map<String, Object> job = new LinkedHashMap<>();
			job.put("schedule", slot.schedule().toString());
			job.put("running", slot.running.get());
			Instant since = slot.currentStart;
			if (since != null) {
				job.put("runningSince", since.toString());
			}
			next(slot).ifPresent((time) -> job.put("nextRun", time.toOffsetDateTime().toString()));
			JobResult last = slot.last;
			if (last != null) {
				job.put("lastRun", last.started().toString());
				job.put("lastResult", last.status());
				job.put("lastCompletedRepositories", last.completedCount() + "/" + slot.definition.repositories().size());
				if (!last.error().isEmpty()) {
					job.put("lastError", last.error());
				}
			}
			job.put("skippedTriggers", slot.skipped.get());
			jobs.put(slot.definition.name(), job);
		}
		return jobs;
	}

	/** Triggers skipped so far for a job. */
	public long skipped(String job) {
		return this.slots.stream().filter((s) -> s.definition.name().equals(job)).mapToLong((s) -> s.skipped.get()).sum();
	}

	private static Optional<ZonedDateTime> next(Slot slot) {
		return slot.schedule().next(Instant.now());
	}

	static String format(ZonedDateTime time) {
		return time.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z"));
	}

	/** Logs each repository's end, and counts it. */
	private final class LoggingListener implements JobRun.Listener {

		private final String job;

		LoggingListener(String job) {
			this.job = job;
		}

		@Override
		public void finished(RepositoryResult result) {
			JobScheduler.this.metrics.repositoryFinished(this.job, result);
			JobScheduler.this.log.line("job '" + this.job + "': " + describe(result));
		}

	}

	/** One line about a repository's run. */
	public static String describe(RepositoryResult result) {
		StringBuilder line = new StringBuilder("repository '" + result.repo() + "' " + result.outcome());
		if (result.runId() != null) {
			line.append(" (run ").append(result.runId()).append(result.resumed() ? ", resumed" : "").append(')');
		}
		line.append(String.format(Locale.ROOT, " in %.1f s", result.duration().toMillis() / 1000.0));
		if (result.summary() != null && result.completed()) {
			var s = result.summary();
			line.append(String.format(Locale.ROOT,
					": files %d scanned, %d new, %d changed, %d unchanged, %d deleted, %d failed; chunks %d written, %d deleted",
					s.filesScanned(), s.filesNew(), s.filesChanged(), s.filesUnchanged(), s.filesDeleted(), s.filesFailed(),
					s.chunksWritten(), s.chunksDeleted()));
		}
		if (!result.message().isEmpty()) {
			line.append(": ").append(result.message());
		}
		return line.toString();
	}

	/** A job's scheduling state. */
	private static final class Slot {

		final JobDefinition definition;

		final AtomicBoolean running = new AtomicBoolean();

		final AtomicLong skipped = new AtomicLong();

		volatile @Nullable ScheduledFuture<?> future;

		volatile @Nullable JobRun current;

		volatile @Nullable Instant currentStart;

		volatile @Nullable JobResult last;

		Slot(JobDefinition definition) {
			this.definition = definition;
		}

		JobDefinition.Schedule schedule() {
			JobDefinition.Schedule schedule = this.definition.schedule();
			if (schedule == null) {
				throw new IllegalStateException("job '" + this.definition.name() + "' has no schedule");
			}
			return schedule;
		}

	}

}
