package dev.chunker.schedule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.chunker.job.IndexLauncher;
import dev.chunker.job.IndexOutcome;
import dev.chunker.settings.ChunkerSettings;
import dev.chunker.store.FileError;
import dev.chunker.store.FileErrorDao;
import dev.chunker.store.RepositoryLock;
import dev.chunker.store.RunDao;
import dev.chunker.store.RunRecord;
import dev.chunker.store.RunSummary;
import org.jspecify.annotations.Nullable;

/**
 * One run of a job definition: its repositories one after the other (or {@code parallel} at a time), each through
 * {@link IndexLauncher#index}, which holds the repository's lock and resumes the repository's unfinished run. A
 * repository that fails does not stop the others. {@link #stop()} (shutdown) starts no further repository and
 * stops the running executions so they end STOPPED and are resumed by the next run.
 */
public final class JobRun {

	/** Told when a repository starts and ends (from the thread that runs it). */
	public interface Listener {

		default void started(JobDefinition.Repository repository) {
		}

		default void finished(RepositoryResult result) {
		}

	}

	private final JobDefinition definition;

	private final ChunkerSettings settings;

	private final IndexLauncher launcher;

	private final RunDao runs;

	private final FileErrorDao errors;

	private final int parallel;

	private final Listener listener;

	private volatile boolean stopRequested;

	public JobRun(JobDefinition definition, ChunkerSettings settings, IndexLauncher launcher, RunDao runs,
			FileErrorDao errors, int parallel, Listener listener) {
		this.definition = definition;
		this.settings = settings;
		this.launcher = launcher;
		this.runs = runs;
		this.errors = errors;
		this.parallel = Math.max(1, parallel);
		this.listener = listener;
	}

	/** Runs every repository; returns when all have ended. */
	public JobResult execute() {
		Instant started = Instant.now();
		long begin = System.nanoTime();
		List<RepositoryResult> results = new ArrayList<>();
		if (this.parallel == 1 || this.definition.repositories().size() == 1) {
			for (JobDefinition.Repository repository : this.definition.repositories()) {
				results.add(runRepository(repository));
			}
		}
		else {
			try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(this.parallel, this.definition.repositories().size()),
					Thread.ofPlatform().name("job-" + this.definition.name() + "-", 1).factory())) {
				List<Future<RepositoryResult>> futures = new ArrayList<>();
				for (JobDefinition.Repository repository : this.definition.repositories()) {
					futures.add(pool.submit(() -> runRepository(repository)));
				}
				for (Future<RepositoryResult> future : futures) {
					results.add(await(future));
				}
			}
		}
		return new JobResult(this.definition.name(), started, List.copyOf(results),
				Duration.ofNanos(System.nanoTime() - begin), "");
	}

	private static RepositoryResult await(Future<RepositoryResult> future) {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for a repository", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	/** Starts no further repository and asks the running executions to stop. */
	public void stop() {
		this.stopRequested = true;
		this.launcher.stopCurrent();
	}

	public boolean stopRequested() {
		return this.stopRequested;
	}

	private RepositoryResult runRepository(JobDefinition.Repository repository) {
		long begin = System.nanoTime();
		if (this.stopRequested) {
			return result(repository, RepositoryResult.Outcome.NOT_STARTED, null, null, false, begin,
					"not started: the job was stopped");
		}
		this.listener.started(repository);
		RepositoryResult result;
		try {
			result = index(repository, begin);
		}
		catch (RepositoryLock.RepositoryBusyException ex) {
			result = result(repository, RepositoryResult.Outcome.BUSY, null, null, false, begin, String.valueOf(ex.getMessage()));
		}
		catch (Exception ex) {
			result = result(repository, RepositoryResult.Outcome.FAILED, null, null, false, begin, describe(ex));
		}
		this.listener.finished(result);
		return result;
	}

	private RepositoryResult index(JobDefinition.Repository repository, long begin) throws Exception {
		Path path = repository.path();
		if (!Files.isDirectory(path)) {
			return result(repository, RepositoryResult.Outcome.FAILED, null, null, false, begin,
					path + " is not a directory");
		}
		IndexOutcome run = this.launcher.index(repository.name(), path.toRealPath(),
				JobDefinition.includes(this.settings, repository), JobDefinition.excludes(this.settings, repository));
		RepositoryResult.Outcome outcome = run.completed() ? RepositoryResult.Outcome.COMPLETED
				: run.stopped() ? RepositoryResult.Outcome.STOPPED : RepositoryResult.Outcome.FAILED;
		String message = run.completed() ? "" : run.reason() + "; the next run resumes it";
		return result(repository, outcome, run.runId(), run.jobExecutionId(), run.resumed(), begin, message);
	}

	private RepositoryResult result(JobDefinition.Repository repository, RepositoryResult.Outcome outcome,
			@Nullable Long runId, @Nullable Long executionId, boolean resumed, long begin, String message) {
		RunSummary summary = null;
		List<FileError> errors = List.of();
		if (runId != null) {
			try {
				summary = this.runs.run(runId).map(RunRecord::summary).orElse(null);
				errors = this.errors.errors(runId);
			}
			catch (RuntimeException ex) {
				// The database went away after the run: the outcome stands, the counts are unknown.
			}
		}
		return new RepositoryResult(repository.name(), repository.path(), outcome, runId, executionId, resumed, summary,
				Duration.ofNanos(System.nanoTime() - begin), message, errors);
	}

	/** One line: the deepest cause with a message. */
	static String describe(Throwable ex) {
		return IndexOutcome.oneLine(ex);
	}

}
