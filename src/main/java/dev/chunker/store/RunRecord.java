package dev.chunker.store;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One run of the index job on a repository.
 * @param runId the run (also the job's identifying {@code runId} parameter)
 * @param repoId the repository
 * @param repoName its name
 * @param rootPath its root directory
 * @param jobExecutionId the latest job execution of the run
 * @param status the run status (mirrors the job execution)
 * @param startedAt when it started
 * @param endedAt when it ended
 * @param summary its counts
 */
public record RunRecord(long runId, long repoId, String repoName, String rootPath, @Nullable Long jobExecutionId,
		RunStatus status, @Nullable Instant startedAt, @Nullable Instant endedAt, RunSummary summary) {
}
