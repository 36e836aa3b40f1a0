package dev.chunker.schedule;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * A job's scheduling state: whether a run is going (and since when), the triggers skipped, the last result, and
 * the job's line of the health endpoint.
 */
final class ScheduledJob {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

	final JobDefinition definition;

	final AtomicBoolean running = new AtomicBoolean();

	final AtomicLong skipped = new AtomicLong();

	volatile @Nullable ScheduledFuture<?> future;

	volatile @Nullable JobRun current;

	volatile @Nullable Instant currentStart;

	volatile @Nullable JobResult last;

	ScheduledJob(JobDefinition definition) {
		this.definition = definition;
	}

	String name() {
		return this.definition.name();
	}

	JobDefinition.Schedule schedule() {
		JobDefinition.Schedule schedule = this.definition.schedule();
		if (schedule == null) {
			throw new IllegalStateException("job '" + this.definition.name() + "' has no schedule");
		}
		return schedule;
	}

	/** The next time the job is due, from now. */
	Optional<ZonedDateTime> next() {
		return schedule().next(Instant.now());
	}

	/** The next time the job is due, as the event lines print it. */
	String nextText() {
		return next().map(ScheduledJob::format).orElse("never");
	}

	/** The job's state for the health endpoint. */
	Map<String, Object> status() {
		Map<String, Object> job = new LinkedHashMap<>();
		job.put("schedule", schedule().toString());
		job.put("running", this.running.get());
		Instant since = this.currentStart;
		if (since != null) {
			job.put("runningSince", since.toString());
		}
		next().ifPresent((time) -> job.put("nextRun", time.toOffsetDateTime().toString()));
		JobResult result = this.last;
		if (result != null) {
			job.put("lastRun", result.started().toString());
			job.put("lastResult", result.status());
			job.put("lastCompletedRepositories", result.completedCount() + "/" + this.definition.repositories().size());
			if (!result.error().isEmpty()) {
				job.put("lastError", result.error());
			}
		}
		job.put("skippedTriggers", this.skipped.get());
		return job;
	}

	static String format(ZonedDateTime time) {
		return time.format(TIME);
	}

}
