package dev.chunker.query;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One index run with its counts.
 * @param runId the run
 * @param repo the repository
 * @param status STARTING, STARTED, COMPLETED, FAILED, STOPPED or ABANDONED
 * @param jobExecutionId its latest job execution
 * @param startedAt when it started
 * @param endedAt when it ended
 * @param filesScanned files listed by the scan
 * @param filesNew files indexed for the first time
 * @param filesChanged files whose content changed
 * @param filesUnchanged files left as they were
 * @param filesDeleted files removed because they are gone
 * @param filesFailed files that could not be chunked
 * @param chunksWritten chunk rows inserted
 * @param chunksDeleted chunk rows deleted
 * @param bytesScanned total size of the listed files
 */
public record RunView(long runId, String repo, String status, @Nullable Long jobExecutionId,
		@Nullable Instant startedAt, @Nullable Instant endedAt, long filesScanned, long filesNew, long filesChanged,
		long filesUnchanged, long filesDeleted, long filesFailed, long chunksWritten, long chunksDeleted,
		long bytesScanned) {
}
