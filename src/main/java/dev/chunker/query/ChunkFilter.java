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
 */
public record ChunkFilter(@Nullable Long repoId, @Nullable PathGlob path, @Nullable String language,
		@Nullable String nodeType, @Nullable String symbol, @Nullable TextQuery text, @Nullable Long changedSince) {

	public static ChunkFilter repository(@Nullable Long repoId) {
		return new ChunkFilter(repoId, null, null, null, null, null, null);
	}

}
