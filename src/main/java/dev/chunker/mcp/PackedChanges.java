package dev.chunker.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.chunker.query.WindowChange;
import dev.chunker.query.WindowFeed;
import dev.chunker.query.WindowRecord;
import org.jspecify.annotations.Nullable;

/** The entries of {@code changes_since} for the packed view: window ids, and for added windows an excerpt. */
final class PackedChanges {

	private PackedChanges() {
	}

	/** One page of the packed feed: deleted window ids, then added windows with an excerpt of their content. */
	static List<Map<String, @Nullable Object>> page(WindowFeed feed, long repoId, long since, long offset, int limit) {
		List<Map<String, @Nullable Object>> changes = new ArrayList<>();
		for (WindowChange change : feed.changes(repoId, since, offset, limit)) {
			Map<String, @Nullable Object> entry = new LinkedHashMap<>();
			entry.put("change", change.change());
			entry.put("window_id", change.windowId());
			entry.put("path", change.filePath());
			entry.put("run_id", change.runId());
			WindowRecord window = change.window();
			if (window != null) {
				entry.put("start_line", window.startLine());
				entry.put("end_line", window.endLine());
				entry.put("token_count", window.tokenCount());
				entry.put("header", window.header());
				Excerpt excerpt = Excerpt.of(window.content());
				entry.put("excerpt", excerpt.text());
				entry.put("excerpt_truncated", excerpt.truncated());
			}
			changes.add(entry);
		}
		return changes;
	}

}
