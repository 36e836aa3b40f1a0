package dev.chunker.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.chunker.query.Change;
import dev.chunker.query.ChunkFilter;
import dev.chunker.query.ChunkRecord;
import dev.chunker.query.InvalidParameterException;
import dev.chunker.query.PathGlob;
import dev.chunker.query.QueryParams;
import dev.chunker.query.QueryService;
import dev.chunker.query.TextQuery;
import dev.chunker.query.WindowRecord;
import dev.chunker.chunk.LanguageRules;
import dev.chunker.settings.ChunkerSettings;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;

/** {@code chunker query}: searches the indexed chunks. */
@Command(name = "query", mixinStandardHelpOptions = true, description = "Search the indexed chunks (every condition must hold).")
final class QueryCommand implements Callable<Integer> {

	@Spec
	@SuppressWarnings("NullAway.Init")
	CommandSpec spec;

	@Option(names = "--repo", paramLabel = "NAME", description = "Only this repository.")
	@Nullable String repo;

	@Option(names = "--path", paramLabel = "GLOB",
			description = "Only files matching the glob (*, **, ?, [abc], {a,b}); without '/' it matches the file name at any depth.")
	@Nullable String path;

	@Option(names = "--language", paramLabel = "L", description = "Only this language.")
	@Nullable String language;

	@Option(names = "--type", paramLabel = "NODE_TYPE", description = "Only this node type, such as function_definition.")
	@Nullable String type;

	@Option(names = "--symbol", paramLabel = "NAME|PREFIX*", description = "A name or qualified name, exactly, or a prefix ending in '*'.")
	@Nullable String symbol;

	@Option(names = "--text", paramLabel = "WORDS",
			description = "Ranked full-text search over names and content; every word must occur, 'word*' is a prefix.")
	@Nullable String text;

	@Option(names = "--changed-since", paramLabel = "RUN_ID",
			description = "Chunks added by runs after RUN_ID, then the ids of chunks deleted since (the re-embedding feed).")
	@Nullable Long changedSince;

	@Option(names = "--has-doc", negatable = true,
			description = "Only definitions with a doc comment or doc string (--no-has-doc: only those without one).")
	@Nullable Boolean hasDoc;

	@Option(names = "--returns", paramLabel = "TYPE",
			description = "Only definitions whose return type is TYPE, or TYPE with type arguments or dimensions (List: List<String>, List[]).")
	@Nullable String returns;

	@Option(names = "--view", paramLabel = "VIEW", defaultValue = "definitions",
			description = "definitions (default) or packed: the packed view's windows (by --repo and --path; with --changed-since, the windows added and the ids deleted since).")
	String view = "definitions";

	@Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N chunks (default 100; 0 = all).")
	int limit = 100;

	@Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table (default), json or jsonl.")
	String format = "table";

	@Mixin
	@SuppressWarnings("NullAway.Init")
	DatabaseOptions options;

	@Override
	public Integer call() {
		if (!List.of("table", "json", "jsonl").contains(this.format)) {
			throw new ChunkerCommand.UsageException("--format must be table, json or jsonl, not '" + this.format + "'");
		}
		if (this.limit < 0) {
			throw new ChunkerCommand.UsageException("--limit must be 0 (all) or more");
		}
		if (this.changedSince != null && this.changedSince < 0) {
			throw new ChunkerCommand.UsageException("--changed-since must be a run id (0 or more)");
		}
		boolean packed = QueryOptions.packedView(this.view);
		if (packed && (this.language != null || this.type != null || this.symbol != null || this.text != null
				|| this.hasDoc != null || this.returns != null)) {
			throw new ChunkerCommand.UsageException("--view packed takes --repo, --path and --changed-since: windows have no"
					+ " language filter, node type, symbol, text search or metadata");
		}
		ChunkerSettings settings = this.options.settings(java.util.Map.of());
		PathGlob glob;
		String lang;
		String nodeType;
		String name;
		TextQuery words;
		String returnType;
		try {
			if (this.repo != null) {
				QueryParams.repo("repo", this.repo);
			}
			glob = (this.path != null) ? PathGlob.parse("path", this.path) : null;
			lang = (this.language != null) ? QueryParams.language("language", this.language,
					settings.rules().all().stream().map(LanguageRules::id).collect(java.util.stream.Collectors.toSet())) : null;
			nodeType = (this.type != null) ? QueryParams.nodeType("type", this.type) : null;
			name = (this.symbol != null) ? QueryParams.symbol("symbol", this.symbol) : null;
			words = (this.text != null) ? TextQuery.parse("q", this.text) : null;
			returnType = (this.returns != null) ? QueryParams.returnType("returns", this.returns) : null;
		}
		catch (InvalidParameterException ex) {
			throw QueryOptions.usage(ex);
		}
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		try (QueryDatabase database = QueryDatabase.open(settings, this.options.url(settings), this.options.verbose, false)) {
			QueryService queries = database.queries();
			Long repoId = QueryOptions.repoId(queries, this.repo);
			ChunkFilter filter = new ChunkFilter(repoId, glob, lang, nodeType, name, words, this.changedSince, this.hasDoc,
					returnType);
			Output output = new Output(out, this.format, words != null);
			if (this.changedSince != null) {
				long since = this.changedSince;
				long next = queries.feed().nextSince(repoId, since);
				long latest = queries.feed().latestRunId(repoId);
				output.beginFeed(since, latest, next, packed ? "windows" : "chunks");
				if (packed) {
					queries.windows().streamAdded(repoId, glob, since, this.limit, output::window);
					output.beginDeleted();
					queries.windows().streamDeleted(repoId, glob, since, output::deletedWindow);
				}
				else {
					queries.search().streamChunks(filter, 0, this.limit, output::chunk);
					output.beginDeleted();
					queries.feed().streamDeleted(repoId, glob, since, output::deleted);
				}
				output.end();
				err.printf(Locale.ROOT, "chunker: %d added%s, %d deleted since run %d; ask with --changed-since %d next time%n",
						output.chunks, (this.limit > 0 && output.chunks == this.limit) ? " (--limit reached)" : "",
						output.deleted, since, next);
			}
			else {
				output.begin();
				if (packed) {
					queries.windows().streamAdded(repoId, glob, -1, this.limit, output::window);
				}
				else {
					queries.search().streamChunks(filter, 0, this.limit, output::chunk);
				}
				output.end();
				if (this.format.equals("table")) {
					String noun = packed ? "window" : "chunk";
					out.printf("%d %s%s%s%n", output.chunks, noun, (output.chunks == 1) ? "" : "s",
							(this.limit > 0 && output.chunks == this.limit) ? " (--limit reached)" : "");
				}
			}
			out.flush();
			err.flush();
			return ChunkerCommand.OK;
		}
	}

	/** Writes results as they stream in. */
	private static final class Output {

		private final PrintWriter out;

		private final String format;

		private final boolean ranked;

		private final JsonMapper json = ChunkJson.mapper();

		long chunks;

		long deleted;

		private boolean feed;

		Output(PrintWriter out, String format, boolean ranked) {
			this.out = out;
			this.format = format;
			this.ranked = ranked;
		}

		void begin() {
			switch (this.format) {
				case "table" -> this.out.printf("%-16s %-48s %-24s %-36s %-12s%s%n", "REPO", "PATH:LINES", "TYPE", "NAME",
						"CHUNK", this.ranked ? "    SCORE" : "");
				case "json" -> this.out.print("[");
				default -> {
				}
			}
		}

		void beginFeed(long since, long latest, long next, String items) {
			this.feed = true;
			if (this.format.equals("json")) {
				this.out.printf(Locale.ROOT, "{\"since\": %d, \"latest_run_id\": %d, \"next_since\": %d,%n\"%s\": [", since,
						latest, next, items);
			}
			else {
				begin();
			}
		}

		void chunk(ChunkRecord chunk) {
			switch (this.format) {
				case "table" -> {
					String name = (chunk.qualifiedName() != null) ? chunk.qualifiedName() : "-";
					this.out.printf(Locale.ROOT, "%-16s %-48s %-24s %-36s %-12s%s%n", chunk.repo(),
							chunk.filePath() + ":" + chunk.startLine() + "-" + chunk.endLine(), chunk.nodeType(), name,
							chunk.chunkId().substring(0, 12), (chunk.score() != null) ? String.format(Locale.ROOT, " %8.4f", chunk.score()) : "");
				}
				case "json" -> this.out.print(((this.chunks == 0) ? "\n" : ",\n") + this.json.writeValueAsString(chunk));
				default -> this.out.print(this.json.writeValueAsString(chunk) + "\n");
			}
			this.chunks++;
		}

		void window(WindowRecord window) {
			switch (this.format) {
				case "table" -> this.out.printf(Locale.ROOT, "%-16s %-48s %-24s %-36s %-12s%n", window.repo(),
						window.filePath() + ":" + window.startLine() + "-" + window.endLine(), "window",
						"#" + window.windowIndex() + " (" + window.tokenCount() + " tokens)", window.windowId().substring(0, 12));
				case "json" -> this.out.print(((this.chunks == 0) ? "\n" : ",\n") + this.json.writeValueAsString(window));
				default -> this.out.print(this.json.writeValueAsString(window) + "\n");
			}
			this.chunks++;
		}

		void deletedWindow(Change change) {
			java.util.Map<String, Object> entry = new java.util.LinkedHashMap<>();
			entry.put("change", change.change());
			entry.put("repo", change.repo());
			entry.put("window_id", change.chunkId());
			entry.put("file_path", change.filePath());
			entry.put("run_id", change.runId());
			switch (this.format) {
				case "table" -> this.out.printf("%-16s %-48s %s%n", change.repo(), change.filePath(), change.chunkId());
				case "json" -> this.out.print(((this.deleted == 0) ? "\n" : ",\n") + this.json.writeValueAsString(entry));
				default -> this.out.print(this.json.writeValueAsString(entry) + "\n");
			}
			this.deleted++;
		}

		void beginDeleted() {
			switch (this.format) {
				case "table" -> this.out.println("deleted:");
				case "json" -> this.out.print(((this.chunks == 0) ? "" : "\n") + "],\n\"deleted\": [");
				default -> {
				}
			}
		}

		void deleted(Change change) {
			switch (this.format) {
				case "table" -> this.out.printf("%-16s %-48s %s%n", change.repo(), change.filePath(), change.chunkId());
				case "json" -> this.out.print(((this.deleted == 0) ? "\n" : ",\n") + this.json.writeValueAsString(change));
				default -> this.out.print(this.json.writeValueAsString(change) + "\n");
			}
			this.deleted++;
		}

		void end() {
			if (this.format.equals("json")) {
				long last = this.feed ? this.deleted : this.chunks;
				this.out.println(((last == 0) ? "" : "\n") + "]" + (this.feed ? "}" : ""));
			}
		}

	}

}
