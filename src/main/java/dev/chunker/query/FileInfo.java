package dev.chunker.query;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A stored file.
 * @param repo the repository
 * @param path repository-relative path
 * @param fileId its id
 * @param language its language
 * @param sizeBytes size at the last run
 * @param modifiedAt modification time at the last run
 * @param contentHash SHA-1 of the content last chunked
 * @param lastRunId the last run that saw it
 * @param lastChange what that run did: new, changed, unchanged or failed
 * @param status indexed or failed
 * @param errorReason why it failed
 * @param errorMessage the failure
 * @param chunkCount its chunks
 */
public record FileInfo(String repo, String path, String fileId, String language, long sizeBytes,
		Instant modifiedAt, @Nullable String contentHash, long lastRunId, String lastChange, String status,
		@Nullable String errorReason, @Nullable String errorMessage, int chunkCount) {
}
