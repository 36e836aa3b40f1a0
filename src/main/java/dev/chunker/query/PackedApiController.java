package dev.chunker.query;

import java.util.List;
import java.util.Map;

import dev.chunker.query.ApiModels.Page;
import dev.chunker.query.ApiModels.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The packed view's change feed over HTTP: {@code GET /api/changes?view=packed&since=N}, the same paging, order
 * (deleted ids first) and {@code next_since} as the chunk feed, with each added window whole.
 */
@RestController
@RequestMapping("/api")
@Tag(name = "changes")
public class PackedApiController {

	private final RepositoryQueries repositories;

	private final ChangeFeed feed;

	private final WindowFeed windows;

	public PackedApiController(QueryService queries) {
		this.repositories = queries.repositories();
		this.feed = queries.feed();
		this.windows = queries.windows();
	}

	/**
	 * A page of the packed feed.
	 * @param repo the repository, null for all
	 * @param since the run asked about
	 * @param latestRunId the newest run
	 * @param nextSince the {@code since} to ask with next time
	 * @param addedTotal added windows in all pages
	 * @param deletedTotal deleted window ids in all pages
	 * @param items this page's changes
	 * @param page where the page is
	 * @param links self, next and prev
	 */
	public record WindowChangesPage(@Nullable String repo, long since, long latestRunId, long nextSince, long addedTotal,
			long deletedTotal, List<WindowChange> items, ApiModels.PageInfo page, ApiModels.Links links) {
	}

	@GetMapping(value = "/changes", params = "view=packed")
	@Operation(summary = "The packed view's change feed since a run",
			description = "Window ids deleted (drop their embeddings) and windows added (embed them, content included) by runs after 'since'.")
	public WindowChangesPage changes(
			@Parameter(description = "Only changes of this repository.") @RequestParam(required = false) @Nullable String repo,
			@Parameter(description = "The last run already processed (0 for everything).", required = true, schema = @Schema(type = "integer", minimum = "0")) @RequestParam(required = false) @Nullable String since,
			@Parameter(description = "Page number, from 0.") @RequestParam(required = false) @Nullable String page,
			@Parameter(description = "Items per page, 1 to 500 (default 50).") @RequestParam(required = false) @Nullable String size,
			@Parameter(description = "packed") @RequestParam String view, HttpServletRequest request) {
		Map<String, String> given = ApiController.check(request, "repo", "since", "page", "size", "view");
		if (since == null) {
			throw new InvalidParameterException("since", "is required (the last run id already processed, 0 for everything)");
		}
		Long repoId = (repo != null) ? this.repositories.repoId(QueryParams.repo("repo", repo)) : null;
		long sinceRun = QueryParams.nonNegative("since", since);
		Paging paging = ApiController.paging(page, size);
		long added = this.windows.countAdded(repoId, sinceRun);
		long deleted = this.windows.countDeleted(repoId, sinceRun);
		List<WindowChange> items = this.windows.changes(repoId, sinceRun, paging.offset(), paging.size());
		Page<WindowChange> body = ApiController.page(items, paging, added + deleted, "/api/changes", given);
		return new WindowChangesPage(repo, sinceRun, this.feed.latestRunId(repoId), this.feed.nextSince(repoId, sinceRun),
				added, deleted, items, body.page(), body.links());
	}

}
