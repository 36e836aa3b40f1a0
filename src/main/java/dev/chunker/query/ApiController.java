package dev.chunker.query;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.chunker.query.ApiModels.ChangesPage;
import dev.chunker.query.ApiModels.ChunkDetail;
import dev.chunker.query.ApiModels.ChunkLinks;
import dev.chunker.query.ApiModels.Links;
import dev.chunker.query.ApiModels.Page;
import dev.chunker.query.ApiModels.PageInfo;
import dev.chunker.query.ApiModels.Paging;
import dev.chunker.query.ApiModels.RunDetail;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read-only REST API over the index. Every parameter is validated (a bad value is a 400 naming the parameter,
 * an unknown parameter too); an unknown repository, run or chunk is a 404. It reads the database only.
 */
@RestController
@RequestMapping("/api")
@Tag(name = "index", description = "The read-only index: repositories, runs, files, chunks, the change feed")
public class ApiController {

	static final int DEFAULT_SIZE = 50;

	static final int MAX_SIZE = 500;

	static final long MAX_PAGE = 100_000_000L;

	private static final String PAGE_DOC = "Page number, from 0 (default 0).";

	private static final String SIZE_DOC = "Items per page, 1 to 500 (default 50).";

	private final RepositoryQueries repositories;

	private final ChunkSearch search;

	private final ChunkTree tree;

	private final ChangeFeed feed;

	private final Set<String> languages;

	public ApiController(QueryService queries) {
		this.repositories = queries.repositories();
		this.search = queries.search();
		this.tree = queries.tree();
		this.feed = queries.feed();
		this.languages = queries.languages();
	}

	@GetMapping("/repos")
	@Operation(summary = "Indexed repositories, by name")
	public Page<RepoInfo> repos(
			@Parameter(description = PAGE_DOC, schema = @Schema(type = "integer", minimum = "0")) @RequestParam(required = false) @Nullable String page,
			@Parameter(description = SIZE_DOC, schema = @Schema(type = "integer", minimum = "1", maximum = "500")) @RequestParam(required = false) @Nullable String size,
			HttpServletRequest request) {
		Map<String, String> given = check(request, "page", "size");
		Paging paging = paging(page, size);
		long total = this.repositories.countRepos();
		return page(this.repositories.repos(paging.offset(), paging.size()), paging, total, "/api/repos", given);
	}

	@GetMapping("/runs")
	@Operation(summary = "Index runs, newest first")
	public Page<RunView> runs(
			@Parameter(description = "Only the runs of this repository.") @RequestParam(required = false) @Nullable String repo,
			@Parameter(description = PAGE_DOC, schema = @Schema(type = "integer", minimum = "0")) @RequestParam(required = false) @Nullable String page,
			@Parameter(description = SIZE_DOC, schema = @Schema(type = "integer", minimum = "1", maximum = "500")) @RequestParam(required = false) @Nullable String size,
			HttpServletRequest request) {
		Map<String, String> given = check(request, "repo", "page", "size");
		Long repoId = repoId(repo);
		Paging paging = paging(page, size);
		long total = this.repositories.countRuns(repoId);
		return page(this.repositories.runs(repoId, paging.offset(), paging.size()), paging, total, "/api/runs", given);
	}

	@GetMapping("/runs/{id}")
	@Operation(summary = "One run with its counts and its first 100 failures")
	public RunDetail run(@Parameter(description = "The run id.", schema = @Schema(type = "integer", minimum = "1")) @PathVariable String id,
			HttpServletRequest request) {
		check(request);
		long runId = QueryParams.positive("id", id);
		RunView run = this.repositories.run(runId).orElseThrow(() -> new NotFoundException("no run " + runId));
		return new RunDetail(run, this.repositories.runFailures(runId, 100), this.repositories.countRunFailures(runId));
	}

	@GetMapping("/files")
	@Operation(summary = "Stored files, by repository and path")
	public Page<FileInfo> files(
			@Parameter(description = "Only the files of this repository.") @RequestParam(required = false) @Nullable String repo,
			@Parameter(description = "Only paths matching this glob (*, **, ?, [abc], {a,b}; without '/' it matches the file name at any depth).") @RequestParam(required = false) @Nullable String path,
			@Parameter(description = PAGE_DOC, schema = @Schema(type = "integer", minimum = "0")) @RequestParam(required = false) @Nullable String page,
			@Parameter(description = SIZE_DOC, schema = @Schema(type = "integer", minimum = "1", maximum = "500")) @RequestParam(required = false) @Nullable String size,
			HttpServletRequest request) {
		Map<String, String> given = check(request, "repo", "path", "page", "size");
		Long repoId = repoId(repo);
		PathGlob glob = (path != null) ? PathGlob.parse("path", path) : null;
		Paging paging = paging(page, size);
		long total = this.repositories.countFiles(repoId, glob);
		return page(this.repositories.files(repoId, glob, paging.offset(), paging.size()), paging, total, "/api/files", given);
	}

	@GetMapping("/chunks")
	@Operation(summary = "Search chunks",
			description = "All conditions combine with AND. Without q, chunks come by repository, path and position; with q, by rank (score).")
	public Page<ChunkRecord> chunks(
			@Parameter(description = "Only chunks of this repository.") @RequestParam(required = false) @Nullable String repo,
			@Parameter(description = "Only files matching this glob (*, **, ?, [abc], {a,b}; without '/' it matches the file name at any depth).") @RequestParam(required = false) @Nullable String path,
			@Parameter(description = "Only this language (as listed by 'chunker languages').") @RequestParam(required = false) @Nullable String language,
			@Parameter(description = "Only this tree-sitter node type, such as function_definition.") @RequestParam(required = false) @Nullable String type,
			@Parameter(description = "A name or qualified name, exactly, or a prefix ending in '*'.") @RequestParam(required = false) @Nullable String symbol,
			@Parameter(description = "Full-text search over names and content: every word must occur; a word ending in '*' is a prefix. Results are ranked.") @RequestParam(required = false) @Nullable String q,
			@Parameter(description = "Only chunks inserted by runs after this run id.", schema = @Schema(type = "integer", minimum = "0")) @RequestParam(required = false) @Nullable String changedSince,
			@Parameter(description = "Only definitions with (true) or without (false) a doc comment or doc string.", schema = @Schema(type = "boolean")) @RequestParam(required = false) @Nullable String hasDoc,
			@Parameter(description = "Only definitions returning this type, or this type with type arguments or dimensions.") @RequestParam(required = false) @Nullable String returns,
			@Parameter(description = PAGE_DOC, schema = @Schema(type = "integer", minimum = "0")) @RequestParam(required = false) @Nullable String page,
			@Parameter(description = SIZE_DOC, schema = @Schema(type = "integer", minimum = "1", maximum = "500")) @RequestParam(required = false) @Nullable String size,
			HttpServletRequest request) {
		Map<String, String> given = check(request, "repo", "path", "language", "type", "symbol", "q", "changedSince", "hasDoc",
				"returns", "page", "size");
		ChunkFilter filter = new ChunkFilter(repoId(repo), (path != null) ? PathGlob.parse("path", path) : null,
				(language != null) ? QueryParams.language("language", language, this.languages) : null,
				(type != null) ? QueryParams.nodeType("type", type) : null,
				(symbol != null) ? QueryParams.symbol("symbol", symbol) : null,
				(q != null) ? TextQuery.parse("q", q) : null,
				(changedSince != null) ? QueryParams.nonNegative("changedSince", changedSince) : null,
				(hasDoc != null) ? QueryParams.bool("hasDoc", hasDoc) : null,
				(returns != null) ? QueryParams.returnType("returns", returns) : null);
		Paging paging = paging(page, size);
		long total = this.search.countChunks(filter);
		return page(this.search.chunks(filter, paging.offset(), paging.size()), paging, total, "/api/chunks", given);
	}

	@GetMapping("/chunks/{id}")
	@Operation(summary = "One chunk with its file and enclosing chunks")
	public ChunkDetail chunk(@Parameter(description = "The chunk id (40 hexadecimal digits).") @PathVariable String id,
			@Parameter(description = "The repository, needed only when the id is in more than one.") @RequestParam(required = false) @Nullable String repo,
			HttpServletRequest request) {
		check(request, "repo");
		ChunkRecord chunk = find(id, repo);
		long repoId = this.repositories.repoId(chunk.repo());
		List<ChunkSummary> parents = this.tree.parents(repoId, chunk).stream().map(ChunkRecord::summary).toList();
		String self = "/api/chunks/" + chunk.chunkId() + "?repo=" + encode(chunk.repo());
		ChunkLinks links = new ChunkLinks(self, "/api/chunks/" + chunk.chunkId() + "/children?repo=" + encode(chunk.repo()),
				parents.isEmpty() ? null : "/api/chunks/" + parents.get(0).chunkId() + "?repo=" + encode(chunk.repo()));
		return new ChunkDetail(chunk, this.repositories.file(repoId, chunk.filePath()).orElse(null), parents,
				this.tree.countChildren(repoId, chunk.chunkId()), links);
	}

	@GetMapping("/chunks/{id}/children")
	@Operation(summary = "The chunks a chunk directly encloses, by position")
	public Page<ChunkRecord> children(@Parameter(description = "The chunk id (40 hexadecimal digits).") @PathVariable String id,
			@Parameter(description = "The repository, needed only when the id is in more than one.") @RequestParam(required = false) @Nullable String repo,
			@Parameter(description = PAGE_DOC, schema = @Schema(type = "integer", minimum = "0")) @RequestParam(required = false) @Nullable String page,
			@Parameter(description = SIZE_DOC, schema = @Schema(type = "integer", minimum = "1", maximum = "500")) @RequestParam(required = false) @Nullable String size,
			HttpServletRequest request) {
		Map<String, String> given = check(request, "repo", "page", "size");
		ChunkRecord chunk = find(id, repo);
		Paging paging = paging(page, size);
		long repoId = this.repositories.repoId(chunk.repo());
		long total = this.tree.countChildren(repoId, chunk.chunkId());
		return page(this.tree.children(repoId, chunk.chunkId(), paging.offset(), paging.size()), paging, total,
				"/api/chunks/" + chunk.chunkId() + "/children", given);
	}

	@GetMapping("/changes")
	@Operation(summary = "The change feed since a run",
			description = "Chunk ids deleted (drop their embeddings) and added (embed them) by runs after 'since'; deleted entries come first. "
					+ "Record next_since and ask with it next time.")
	public ChangesPage changes(
			@Parameter(description = "Only changes of this repository.") @RequestParam(required = false) @Nullable String repo,
			@Parameter(description = "The last run already processed (0 for everything).", required = true, schema = @Schema(type = "integer", minimum = "0")) @RequestParam(required = false) @Nullable String since,
			@Parameter(description = PAGE_DOC, schema = @Schema(type = "integer", minimum = "0")) @RequestParam(required = false) @Nullable String page,
			@Parameter(description = SIZE_DOC, schema = @Schema(type = "integer", minimum = "1", maximum = "500")) @RequestParam(required = false) @Nullable String size,
			@Parameter(description = "definitions (default) or packed: the packed view's windows instead of chunks.") @RequestParam(required = false) @Nullable String view,
			HttpServletRequest request) {
		Map<String, String> given = check(request, "repo", "since", "page", "size", "view");
		if (view != null && !view.equals("definitions")) {
			// view=packed is served by PackedApiController
			throw new InvalidParameterException("view", "must be definitions or packed");
		}
		if (since == null) {
			throw new InvalidParameterException("since", "is required (the last run id already processed, 0 for everything)");
		}
		Long repoId = repoId(repo);
		long sinceRun = QueryParams.nonNegative("since", since);
		Paging paging = paging(page, size);
		long added = this.feed.countAdded(repoId, sinceRun);
		long deleted = this.feed.countDeleted(repoId, null, sinceRun);
		List<Change> items = this.feed.changes(repoId, sinceRun, paging.offset(), paging.size());
		Page<Change> body = page(items, paging, added + deleted, "/api/changes", given);
		return new ChangesPage(repo, sinceRun, this.feed.latestRunId(repoId), this.feed.nextSince(repoId, sinceRun),
				added, deleted, items, body.page(), body.links());
	}

	// ---- helpers

	private ChunkRecord find(String id, @Nullable String repo) {
		String chunkId = QueryParams.chunkId("id", id);
		Long repoId = repoId(repo);
		List<ChunkRecord> found = this.tree.chunksById(chunkId, repoId, 20);
		if (found.isEmpty()) {
			throw new NotFoundException("no chunk " + chunkId + ((repo != null) ? " in '" + repo + "'" : ""));
		}
		if (found.size() > 1) {
			throw new InvalidParameterException("repo", "chunk " + chunkId + " is in more than one repository ("
					+ String.join(", ", found.stream().map(ChunkRecord::repo).toList()) + "); name one with repo=");
		}
		return found.get(0);
	}

	private @Nullable Long repoId(@Nullable String repo) {
		return (repo != null) ? this.repositories.repoId(QueryParams.repo("repo", repo)) : null;
	}

	static Paging paging(@Nullable String page, @Nullable String size) {
		long number = (page != null) ? QueryParams.longInRange("page", page, 0, MAX_PAGE) : 0;
		int perPage = (size != null) ? QueryParams.intInRange("size", size, 1, MAX_SIZE) : DEFAULT_SIZE;
		return new Paging(number, perPage);
	}

	/**
	 * Rejects parameters not in {@code allowed}, parameters given twice and values with a NUL; returns the given ones
	 * in order.
	 */
	static Map<String, String> check(HttpServletRequest request, String... allowed) {
		Set<String> names = Set.of(allowed);
		for (Map.Entry<String, String[]> entry : request.getParameterMap().entrySet()) {
			if (!names.contains(entry.getKey())) {
				throw new InvalidParameterException(entry.getKey(), "unknown parameter"
						+ ((allowed.length > 0) ? " (this endpoint takes " + String.join(", ", allowed) + ")" : " (this endpoint takes none)"));
			}
			if (entry.getValue().length > 1) {
				throw new InvalidParameterException(entry.getKey(), "is given more than once");
			}
			if (entry.getValue()[0].indexOf('\0') >= 0) {
				// PostgreSQL cannot hold a NUL in text: refused here for both databases.
				throw new InvalidParameterException(entry.getKey(), "contains a NUL character (%00)");
			}
		}
		Map<String, String> given = new LinkedHashMap<>();
		for (String name : allowed) {
			String value = request.getParameter(name);
			if (value != null && !name.equals("page") && !name.equals("size")) {
				given.put(name, value);
			}
		}
		return given;
	}

	static <T> Page<T> page(List<T> items, Paging paging, long total, String path, Map<String, String> given) {
		PageInfo info = PageInfo.of(paging, total);
		String next = (paging.page() + 1 < info.totalPages()) ? link(path, given, paging.page() + 1, paging.size()) : null;
		String prev = (paging.page() > 0) ? link(path, given, Math.min(paging.page() - 1, Math.max(info.totalPages() - 1, 0)),
				paging.size()) : null;
		return new Page<>(items, info, new Links(link(path, given, paging.page(), paging.size()), next, prev));
	}

	private static String link(String path, Map<String, String> given, long page, int size) {
		StringBuilder link = new StringBuilder(path).append('?');
		given.forEach((name, value) -> link.append(name).append('=').append(encode(value)).append('&'));
		return link.append("page=").append(page).append("&size=").append(size).toString();
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
