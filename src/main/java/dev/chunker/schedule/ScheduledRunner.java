package dev.chunker.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import dev.chunker.store.RepositoryDao;
import dev.chunker.store.RunDao;
import dev.chunker.store.RunStatus;
import dev.chunker.store.RunRecord;

/**
 * One run of a scheduled job, on the thread its trigger started: opens the job's database, decides (for a catch-up
 * run) whether the job is due, runs its repositories, and records, counts and logs how it ended. The database is
 * closed after each run, so nothing is held between runs.
 */
final class ScheduledRunner {

	private final JobScheduler.Opener opener;

	private final ScheduleMetrics metrics;

	private final EventLog log;

	private final BooleanSupplier stopping;

	ScheduledRunner(JobScheduler.Opener opener, ScheduleMetrics metrics, EventLog log, BooleanSupplier stopping) {
		this.opener = opener;
		this.metrics = metrics;
		this.log = log;
		this.stopping = stopping;
	}

	void run(ScheduledJob job, boolean catchUp) {
		JobDefinition definition = job.definition;
		String name = definition.name();
		Instant started = Instant.now();
		long begin = System.nanoTime();
		this.metrics.running(name, true);
		JobResult result;
		JobScheduler.Workspace workspace = null;
		try {
			workspace = this.opener.open(definition);
			if (catchUp) {
				Optional<String> reason = catchUpReason(job, workspace.repositories(), workspace.runs());
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
			job.current = run;
			if (this.stopping.getAsBoolean()) {
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
		job.last = result;
		this.metrics.jobFinished(result);
		this.log.line(String.format(Locale.ROOT, "job '%s': run %s: %d of %d repositories completed in %.1f s; next run %s", name,
				result.status(), result.completedCount(), definition.repositories().size(),
				result.duration().toMillis() / 1000.0, this.stopping.getAsBoolean() ? "after restart" : job.nextText()));
	}

	/** Why a job is due at start-up, or empty when every repository's last run completed after its last scheduled time. */
	private static Optional<String> catchUpReason(ScheduledJob job, RepositoryDao repositories, RunDao runs) {
		Instant now = Instant.now();
		for (JobDefinition.Repository repository : job.definition.repositories()) {
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
			Optional<ZonedDateTime> due = (started != null) ? job.schedule().next(started) : Optional.empty();
			if (due.isPresent() && due.get().toInstant().isBefore(now)) {
				return Optional.of("a scheduled run (" + ScheduledJob.format(due.get()) + ") was missed");
			}
		}
		return Optional.empty();
	}

	/** One line about a repository's run. */
	static String describe(RepositoryResult result) {
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

	/** Logs each repository's end, and counts it. */
	private final class LoggingListener implements JobRun.Listener {

		private final String job;

		LoggingListener(String job) {
			this.job = job;
		}

		@Override
		public void finished(RepositoryResult result) {
			ScheduledRunner.this.metrics.repositoryFinished(this.job, result);
			ScheduledRunner.this.log.line("job '" + this.job + "': " + describe(result));
		}

	}

}
