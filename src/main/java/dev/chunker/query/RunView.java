package dev.chunker.query;

import java.time.Instant;

import dev.chunker.store.RunRecord;
import dev.chunker.store.RunSummary;
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

	/** The API's flat view of a stored run. */
	static RunView of(RunRecord run) {
		RunSummary s = run.summary();
		return new RunView(run.runId(), run.repoName(), run.status().dbValue(), run.jobExecutionId(), run.startedAt(),
				run.endedAt(), s.filesScanned(), s.filesNew(), s.filesChanged(), s.filesUnchanged(), s.filesDeleted(),
				s.filesFailed(), s.chunksWritten(), s.chunksDeleted(), s.bytesScanned());
	}

}
