package dev.chunker.schedule;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.chunker.store.FileError;
import dev.chunker.store.RunSummary;
import org.jspecify.annotations.Nullable;

/**
 * How one repository of a job run ended.
 * @param repo the repository's name
 * @param path its root
 * @param outcome how it ended
 * @param runId its run (null when none was started)
 * @param executionId the job execution that ran (null when none ran)
 * @param resumed whether an unfinished run was continued
 * @param summary the run's counts (null when no run row exists)
 * @param duration how long it took
 * @param message why it did not complete ("" when it did)
 * @param errors files that could not be chunked
 */
public record RepositoryResult(String repo, Path path, Outcome outcome, @Nullable Long runId, @Nullable Long executionId,
		boolean resumed, @Nullable RunSummary summary, Duration duration, String message, List<FileError> errors) {

	/** How a repository's run ended. */
	public enum Outcome {

		/** The run completed (files that could not be chunked are listed, not fatal). */
		COMPLETED,
		/** The run failed; the next run resumes it. */
		FAILED,
		/** The run was stopped (shutdown); the next run resumes it. */
		STOPPED,
		/** Another process is indexing the repository (its lock is held). */
		BUSY,
		/** The job was stopped before this repository's turn. */
		NOT_STARTED

	}

	public boolean completed() {
		return this.outcome == Outcome.COMPLETED;
	}

}
