package dev.chunker.query;

import org.jspecify.annotations.Nullable;

/**
 * The conditions of a chunk search; every one is optional and they combine with AND.
 * @param repoId only this repository
 * @param path only files matching this glob
 * @param language only this language
 * @param nodeType only this node type
 * @param symbol a name or qualified name, equal or (ending in {@code *}) a prefix
 * @param text ranked full-text search
 * @param changedSince only chunks inserted by a run after this one
 * @param hasDoc only definitions with (true) or without (false) a doc comment or doc string
 * @param returns only definitions whose declared return type is this, or this with type arguments or dimensions
 *     ({@code List} matches {@code List<String>} and {@code List[]})
 */
public record ChunkFilter(@Nullable Long repoId, @Nullable PathGlob path, @Nullable String language,
		@Nullable String nodeType, @Nullable String symbol, @Nullable TextQuery text, @Nullable Long changedSince,
		@Nullable Boolean hasDoc, @Nullable String returns) {

	public static ChunkFilter repository(@Nullable Long repoId) {
		return new ChunkFilter(repoId, null, null, null, null, null, null, null, null);
	}

	/** The chunks of a repository (or all) inserted by runs after {@code changedSince}. */
	public static ChunkFilter changedSince(@Nullable Long repoId, long changedSince) {
		return new ChunkFilter(repoId, null, null, null, null, null, changedSince, null, null);
	}

}
