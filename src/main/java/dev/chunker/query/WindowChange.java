package dev.chunker.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * An entry of the packed view's change feed.
 * @param change {@code added} or {@code deleted}
 * @param repo the repository
 * @param windowId the window's id
 * @param filePath the file it is (or was) in
 * @param runId the run that added or deleted it
 * @param window for an added window, the window with its content and header (there is no lookup by id: two files
 *     may hold the same window id)
 */
public record WindowChange(String change, String repo, String windowId, String filePath, long runId,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable WindowRecord window) {
}
