package dev.chunker.query;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An indexed repository.
 * @param name its name (the key of every query)
 * @param rootPath the directory it was last indexed from
 * @param createdAt when it was first indexed
 * @param lastRunId its newest run
 * @param lastRunStatus that run's status
 * @param files files stored
 * @param chunks chunks stored
 */
public record RepoInfo(String name, String rootPath, @Nullable Instant createdAt, @Nullable Long lastRunId,
		@Nullable String lastRunStatus, long files, long chunks) {
}
