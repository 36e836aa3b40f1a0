package dev.chunker.cli;

import java.util.List;
import java.util.Map;

import dev.chunker.query.InvalidParameterException;
import dev.chunker.query.NotFoundException;
import dev.chunker.query.QueryService;
import org.jspecify.annotations.Nullable;

/** What the read-only commands share: parameter errors in terms of their options. */
final class QueryOptions {

	private static final Map<String, String> OPTIONS = Map.of("repo", "--repo", "path", "--path", "language",
			"--language", "type", "--type", "symbol", "--symbol", "q", "--text", "changedSince", "--changed-since", "id",
			"CHUNK_ID");

	private QueryOptions() {
	}

	/** A bad value as bad usage naming the option. */
	static ChunkerCommand.UsageException usage(InvalidParameterException ex) {
		return new ChunkerCommand.UsageException(OPTIONS.getOrDefault(ex.parameter(), ex.parameter()) + ": " + ex.getMessage());
	}

	/** The id of {@code --repo}; a name that is not indexed is bad usage listing the names that are. */
	static @Nullable Long repoId(QueryService queries, @Nullable String repo) {
		if (repo == null) {
			return null;
		}
		try {
			return queries.repositories().repoId(repo);
		}
		catch (NotFoundException ex) {
			List<String> names = queries.repositories().repoNames();
			throw new ChunkerCommand.UsageException("--repo: " + ex.getMessage()
					+ (names.isEmpty() ? " (the database has no repository yet)" : " (indexed: " + String.join(", ", names) + ")"));
		}
	}

	/** Whether {@code --view} names the packed view; anything but its two names is a usage error. */
	static boolean packedView(String view) {
		return switch (view) {
			case "definitions" -> false;
			case "packed" -> true;
			default -> throw new ChunkerCommand.UsageException("--view must be definitions or packed, not '" + view + "'");
		};
	}

}
