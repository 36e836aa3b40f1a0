package dev.chunker.query;

/**
 * One entry of the change feed.
 * @param change {@code deleted} (drop its embedding) or {@code added} (embed it)
 * @param repo the repository
 * @param chunkId the chunk
 * @param filePath its file
 * @param runId the run that deleted or inserted it
 */
public record Change(String change, String repo, String chunkId, String filePath, long runId) {
}
