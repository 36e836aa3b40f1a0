package dev.chunker.query;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** The response bodies of the REST API (snake_case in JSON). */
public final class ApiModels {

	private ApiModels() {
	}

	/**
	 * Where a page is.
	 * @param number this page, from 0
	 * @param size items per page
	 * @param totalItems items in all pages
	 * @param totalPages pages
	 */
	public record PageInfo(long number, int size, long totalItems, long totalPages) {

		static PageInfo of(Paging paging, long total) {
			return new PageInfo(paging.page(), paging.size(), total, (total + paging.size() - 1) / paging.size());
		}

	}

	/**
	 * Links of a page: this one, the next and the previous (null at the ends), as paths with their query.
	 * @param self this page
	 * @param next the next page, null on the last
	 * @param prev the previous page, null on the first
	 */
	public record Links(String self, @Nullable String next, @Nullable String prev) {
	}

	/**
	 * One page of a list.
	 * @param <T> the item type
	 * @param items the items of this page
	 * @param page where the page is
	 * @param links self, next and prev
	 */
	public record Page<T>(List<T> items, PageInfo page, Links links) {
	}

	/**
	 * A run with its failures.
	 * @param run the run and its counts
	 * @param failures the first 100 files it could not chunk
	 * @param failuresTotal all of them
	 */
	public record RunDetail(RunView run, List<RunFailure> failures, long failuresTotal) {
	}

	/**
	 * Links of a chunk.
	 * @param self this chunk
	 * @param children its child chunks
	 * @param parent its parent, null for a top-level chunk
	 */
	public record ChunkLinks(String self, String children, @Nullable String parent) {
	}

	/**
	 * A chunk with its file and enclosing chunks.
	 * @param chunk the chunk
	 * @param file its file
	 * @param parents the enclosing chunks, nearest first
	 * @param childrenTotal how many chunks it directly encloses
	 * @param links self, children, parent
	 */
	public record ChunkDetail(ChunkRecord chunk, @Nullable FileInfo file, List<ChunkSummary> parents, long childrenTotal,
			ChunkLinks links) {
	}

	/**
	 * A page of the change feed since a run: ids to drop embeddings of ({@code deleted}, listed first) and ids to embed
	 * ({@code added}).
	 * @param repo the repository, null for all
	 * @param since the run asked about (changes by later runs are listed)
	 * @param latestRunId the newest run
	 * @param nextSince the {@code since} to ask with next time (runs up to it are finished)
	 * @param addedTotal added chunks in all pages
	 * @param deletedTotal deleted chunks in all pages
	 * @param items the changes of this page
	 * @param page where the page is
	 * @param links self, next and prev
	 */
	public record ChangesPage(@Nullable String repo, long since, long latestRunId, long nextSince, long addedTotal,
			long deletedTotal, List<Change> items, PageInfo page, Links links) {
	}

	/**
	 * An error.
	 * @param status the HTTP status
	 * @param error its reason phrase
	 * @param parameter the parameter with the bad value, if that is the cause
	 * @param message what is wrong
	 */
	public record ApiError(int status, String error, @Nullable String parameter, String message) {
	}

	/**
	 * A validated page request.
	 * @param page the page, from 0
	 * @param size items per page
	 */
	public record Paging(long page, int size) {

		long offset() {
			return this.page * this.size;
		}

	}

}
