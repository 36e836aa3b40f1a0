package dev.chunker.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.chunker.query.Change;
import dev.chunker.query.ChunkFilter;
import dev.chunker.query.ChunkRecord;
import dev.chunker.query.FileInfo;
import dev.chunker.query.NotFoundException;
import dev.chunker.query.PathGlob;
import dev.chunker.query.QueryParams;
import dev.chunker.query.QueryService;
import dev.chunker.query.RepoInfo;
import dev.chunker.query.RunView;
import dev.chunker.query.TextQuery;
import org.jspecify.annotations.Nullable;

/**
 * The five tools answered from the query services, each result a JSON-ready map (snake_case keys, in a stable order).
 * A bad argument is an {@code InvalidParameterException} naming it, an unknown repository, chunk or file a
 * {@link NotFoundException}, anything else the assistant must change a {@link ToolException}; nothing is written.
 */
final class IndexTools {

	private final QueryService queries;

	IndexTools(QueryService queries) {
		this.queries = queries;
	}

	/** Answers the tool named {@code name}. */
	Map<String, @Nullable Object> call(String name, @Nullable Map<String, Object> arguments) {
		return switch (name) {
			case "search_code" -> searchCode(ToolArguments.of(arguments, ToolCatalog.SEARCH_CODE.arguments()));
			case "get_chunk" -> getChunk(ToolArguments.of(arguments, ToolCatalog.GET_CHUNK.arguments()));
			case "file_outline" -> fileOutline(ToolArguments.of(arguments, ToolCatalog.FILE_OUTLINE.arguments()));
			case "list_repositories" -> listRepositories(ToolArguments.of(arguments, ToolCatalog.LIST_REPOSITORIES.arguments()));
			case "changes_since" -> changesSince(ToolArguments.of(arguments, ToolCatalog.CHANGES_SINCE.arguments()));
			default -> throw new ToolException("There is no tool named '" + name + "'.");
		};
	}

	private Map<String, @Nullable Object> searchCode(ToolArguments args) {
		String text = args.string("text");
		String symbol = args.string("symbol");
		String path = args.string("path");
		String language = args.string("language");
		String nodeType = args.string("node_type");
		String repository = args.string("repository");
		if (text == null && symbol == null && path == null && language == null && nodeType == null && repository == null) {
			throw new ToolException("Give at least one of text, symbol, path, language, node_type or repository.");
		}
		int limit = (int) args.integer("limit", 1, ToolCatalog.SEARCH_MAX, ToolCatalog.SEARCH_DEFAULT);
		long offset = args.integer("offset", 0, ToolCatalog.MAX_OFFSET, 0);
		ChunkFilter filter = new ChunkFilter((repository != null) ? repoId(repository) : null,
				(path != null) ? PathGlob.parse("path", path) : null,
				(language != null) ? QueryParams.language("language", language, this.queries.languages()) : null,
				(nodeType != null) ? QueryParams.nodeType("node_type", nodeType) : null,
				(symbol != null) ? QueryParams.symbol("symbol", symbol) : null,
				(text != null) ? TextQuery.parse("text", text) : null, null, null, null);
		long total = this.queries.search().countChunks(filter);
		List<Map<String, @Nullable Object>> results = new ArrayList<>();
		for (ChunkRecord chunk : this.queries.search().chunks(filter, offset, limit)) {
			Map<String, @Nullable Object> result = located(chunk);
			if (chunk.score() != null) {
				result.put("score", chunk.score());
			}
			Excerpt excerpt = Excerpt.of(chunk.content());
			result.put("excerpt", excerpt.text());
			result.put("excerpt_truncated", excerpt.truncated());
			results.add(result);
		}
		Map<String, @Nullable Object> body = page(total, offset, limit, results.size());
		body.put("results", results);
		return body;
	}

	private Map<String, @Nullable Object> getChunk(ToolArguments args) {
		String given = args.requiredString("chunk_id", "the id of a chunk, from search_code or file_outline");
		String id = QueryParams.chunkIdPrefix("chunk_id", given);
		String repository = args.string("repository");
		List<ChunkRecord> found = this.queries.tree().chunksById(id, (repository != null) ? repoId(repository) : null, 10);
		if (found.isEmpty()) {
			throw new NotFoundException("There is no chunk " + id + ((repository != null) ? " in '" + repository + "'" : ""));
		}
		if (found.size() > 1) {
			List<String> candidates = found.stream().map((c) -> c.repo() + ":" + c.chunkId()).toList();
			throw new ToolException("The chunk id '" + given + "' is ambiguous (" + String.join(", ", candidates)
					+ ((found.size() == 10) ? ", ..." : "") + "); give more digits or the repository.");
		}
		ChunkRecord chunk = found.get(0);
		long repoId = this.queries.repositories().repoId(chunk.repo());
		Map<String, @Nullable Object> detail = located(chunk);
		detail.put("language", chunk.language());
		detail.put("parent_chunk_id", chunk.parentChunkId());
		detail.put("part_index", chunk.partIndex());
		detail.put("part_count", chunk.partCount());
		detail.put("has_error", chunk.hasError());
		detail.put("run_id", chunk.runId());
		detail.put("content", chunk.content());
		List<ChunkRecord> children = this.queries.tree().children(repoId, chunk.chunkId(), 0, ToolCatalog.CHILDREN_MAX);
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("chunk", detail);
		body.put("parents", this.queries.tree().parents(repoId, chunk).stream().map(IndexTools::entry).toList());
		body.put("children", children.stream().map(IndexTools::entry).toList());
		body.put("children_total", (children.size() < ToolCatalog.CHILDREN_MAX) ? children.size()
				: this.queries.tree().countChildren(repoId, chunk.chunkId()));
		return body;
	}

	private Map<String, @Nullable Object> fileOutline(ToolArguments args) {
		String path = args.requiredString("path", "a file path relative to its repository root");
		String repository = args.string("repository");
		List<String> names = (repository != null) ? List.of(repository) : this.queries.repositories().repoNames();
		List<FileInfo> files = new ArrayList<>();
		for (String name : names) {
			this.queries.repositories().file(repoId(name), path).ifPresent(files::add);
		}
		if (files.isEmpty()) {
			throw new NotFoundException("There is no indexed file '" + path + "'"
					+ ((repository != null) ? " in '" + repository + "'" : "")
					+ " (give the path relative to the repository root, as search_code reports it)");
		}
		if (files.size() > 1) {
			throw new ToolException("The path '" + path + "' is in more than one repository ("
					+ String.join(", ", files.stream().map(FileInfo::repo).toList()) + "); name one with repository.");
		}
		FileInfo file = files.get(0);
		long repoId = repoId(file.repo());
		List<ChunkRecord> chunks = this.queries.tree().fileChunks(repoId, path, ToolCatalog.OUTLINE_MAX);
		long total = (chunks.size() < ToolCatalog.OUTLINE_MAX) ? chunks.size()
				: this.queries.tree().countFileChunks(repoId, path);
		Map<String, Map<String, @Nullable Object>> byId = new LinkedHashMap<>();
		List<Map<String, @Nullable Object>> roots = new ArrayList<>();
		for (ChunkRecord chunk : chunks) {
			Map<String, @Nullable Object> entry = entry(chunk);
			List<Map<String, @Nullable Object>> children = new ArrayList<>();
			entry.put("children", children);
			Map<String, @Nullable Object> parent = (chunk.parentChunkId() != null) ? byId.get(chunk.parentChunkId()) : null;
			if (parent != null) {
				@SuppressWarnings("unchecked")
				List<Map<String, @Nullable Object>> siblings = (List<Map<String, @Nullable Object>>) parent.get("children");
				if (siblings != null) {
					siblings.add(entry);
				}
			}
			else {
				roots.add(entry);
			}
			byId.put(chunk.chunkId(), entry);
		}
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("repository", file.repo());
		body.put("path", file.path());
		body.put("language", file.language());
		body.put("status", file.status());
		body.put("chunks_total", total);
		body.put("truncated", total > chunks.size());
		body.put("outline", roots);
		return body;
	}

	private Map<String, @Nullable Object> listRepositories(ToolArguments args) {
		List<Map<String, @Nullable Object>> repositories = new ArrayList<>();
		for (RepoInfo repo : this.queries.repositories().repos(0, ToolCatalog.REPOSITORIES_MAX)) {
			Map<String, @Nullable Object> entry = new LinkedHashMap<>();
			entry.put("name", repo.name());
			entry.put("root_path", repo.rootPath());
			entry.put("last_run_id", repo.lastRunId());
			entry.put("last_run_status", repo.lastRunStatus());
			RunView run = (repo.lastRunId() != null) ? this.queries.repositories().run(repo.lastRunId()).orElse(null) : null;
			entry.put("last_run_started_at", (run != null && run.startedAt() != null) ? String.valueOf(run.startedAt()) : null);
			entry.put("last_run_ended_at", (run != null && run.endedAt() != null) ? String.valueOf(run.endedAt()) : null);
			entry.put("files", repo.files());
			entry.put("chunks", repo.chunks());
			repositories.add(entry);
		}
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("total", this.queries.repositories().countRepos());
		body.put("repositories", repositories);
		return body;
	}

	private Map<String, @Nullable Object> changesSince(ToolArguments args) {
		String repository = args.requiredString("repository", "the repository whose changes to list");
		if (!args.has("since")) {
			throw new ToolException("since is required (the last run id already seen, 0 for everything).");
		}
		long since = args.integer("since", 0, Long.MAX_VALUE, 0);
		int limit = (int) args.integer("limit", 1, ToolCatalog.CHANGES_MAX, ToolCatalog.CHANGES_DEFAULT);
		long offset = args.integer("offset", 0, ToolCatalog.MAX_OFFSET, 0);
		String view = args.string("view");
		if (view != null && !view.equals("definitions") && !view.equals("packed")) {
			throw new ToolException("view must be definitions or packed, not '" + view + "'.");
		}
		long repoId = repoId(repository);
		boolean packed = "packed".equals(view);
		long added = packed ? this.queries.windows().countAdded(repoId, since) : this.queries.feed().countAdded(repoId, since);
		long deleted = packed ? this.queries.windows().countDeleted(repoId, since)
				: this.queries.feed().countDeleted(repoId, null, since);
		List<Map<String, @Nullable Object>> changes = packed
				? PackedChanges.page(this.queries.windows(), repoId, since, offset, limit) : new ArrayList<>();
		for (Change change : packed ? List.<Change>of() : this.queries.feed().changes(repoId, since, offset, limit)) {
			Map<String, @Nullable Object> entry = new LinkedHashMap<>();
			entry.put("change", change.change());
			entry.put("chunk_id", change.chunkId());
			entry.put("path", change.filePath());
			entry.put("run_id", change.runId());
			changes.add(entry);
		}
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("repository", repository);
		body.put("since", since);
		body.put("latest_run_id", this.queries.feed().latestRunId(repoId));
		body.put("next_since", this.queries.feed().nextSince(repoId, since));
		body.put("added_total", added);
		body.put("deleted_total", deleted);
		body.putAll(page(added + deleted, offset, limit, changes.size()));
		body.remove("total");
		body.put("changes", changes);
		return body;
	}

	// ---- helpers

	/** The id of a repository; an unknown name lists the indexed ones. */
	private long repoId(String repository) {
		QueryParams.repo("repository", repository);
		try {
			return this.queries.repositories().repoId(repository);
		}
		catch (NotFoundException ex) {
			List<String> names = this.queries.repositories().repoNames();
			throw new NotFoundException("There is no repository named '" + repository + "' ("
					+ (names.isEmpty() ? "the index has no repository yet" : "indexed: " + String.join(", ", names)) + ")");
		}
	}

	private static Map<String, @Nullable Object> page(long total, long offset, int limit, int returned) {
		Map<String, @Nullable Object> page = new LinkedHashMap<>();
		page.put("total", total);
		page.put("offset", offset);
		page.put("limit", limit);
		page.put("next_offset", (offset + returned < total && returned > 0) ? offset + returned : null);
		return page;
	}

	/** Where a chunk is and what it is. */
	private static Map<String, @Nullable Object> located(ChunkRecord chunk) {
		Map<String, @Nullable Object> entry = new LinkedHashMap<>();
		entry.put("repository", chunk.repo());
		entry.put("path", chunk.filePath());
		entry.put("start_line", chunk.startLine());
		entry.put("end_line", chunk.endLine());
		entry.put("node_type", chunk.nodeType());
		entry.put("name", chunk.name());
		entry.put("qualified_name", chunk.qualifiedName());
		entry.put("chunk_id", chunk.chunkId());
		return entry;
	}

	/** A chunk in a list of parents, children or an outline: no content. */
	private static Map<String, @Nullable Object> entry(ChunkRecord chunk) {
		Map<String, @Nullable Object> entry = new LinkedHashMap<>();
		entry.put("chunk_id", chunk.chunkId());
		entry.put("node_type", chunk.nodeType());
		entry.put("name", chunk.name());
		entry.put("qualified_name", chunk.qualifiedName());
		entry.put("start_line", chunk.startLine());
		entry.put("end_line", chunk.endLine());
		return entry;
	}

}
