package dev.chunker.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One run of a job: the result of each of its repositories, in the definition's order.
 * @param job the job's name
 * @param started when it started
 * @param repositories per repository
 * @param duration how long it took
 * @param error why no repository could be run at all (the database could not be opened), or ""
 */
public record JobResult(String job, Instant started, List<RepositoryResult> repositories, Duration duration, String error) {

	/** Whether every repository completed. */
	public boolean completed() {
		return this.error.isEmpty() && this.repositories.stream().allMatch(RepositoryResult::completed);
	}

	public long completedCount() {
		return this.repositories.stream().filter(RepositoryResult::completed).count();
	}

	/** {@code COMPLETED}, {@code STOPPED} when a stop interrupted it, else {@code FAILED}. */
	public String status() {
		if (completed()) {
			return "COMPLETED";
		}
		boolean stopped = this.repositories.stream()
			.anyMatch((r) -> r.outcome() == RepositoryResult.Outcome.STOPPED || r.outcome() == RepositoryResult.Outcome.NOT_STARTED);
		return (stopped && this.error.isEmpty()) ? "STOPPED" : "FAILED";
	}

}
