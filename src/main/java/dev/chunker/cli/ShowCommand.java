package dev.chunker.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.chunker.chunk.DefinitionMetadata;
import dev.chunker.query.ChunkRecord;
import dev.chunker.query.WindowRecord;
import dev.chunker.query.ChunkSummary;
import dev.chunker.query.FileInfo;
import dev.chunker.query.InvalidParameterException;
import dev.chunker.query.QueryParams;
import dev.chunker.query.QueryService;
import dev.chunker.settings.ChunkerSettings;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chunker show CHUNK_ID}: one chunk with its file, enclosing chunks and children. */
@Command(name = "show", mixinStandardHelpOptions = true,
		description = "Print one chunk with its file, its enclosing chunks (parents) and the chunks it encloses (children), or (--view packed) one window of the packed view.")
final class ShowCommand implements Callable<Integer> {

	/** Most children listed. */
	static final int MAX_CHILDREN = 1000;

	@Spec
	@SuppressWarnings("NullAway.Init")
	CommandSpec spec;

	@Parameters(index = "0", paramLabel = "CHUNK_ID", description = "The chunk id, or a unique prefix of it (at least 4 digits).")
	@SuppressWarnings("NullAway.Init")
	String chunkId;

	@Option(names = "--repo", paramLabel = "NAME", description = "The repository (when the id is in more than one).")
	@Nullable String repo;

	@Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
	String format = "text";

	@Option(names = "--view", paramLabel = "VIEW", defaultValue = "definitions",
			description = "definitions (default: the id is a chunk's) or packed (the id is a window's of the packed view).")
	String view = "definitions";

	@Mixin
	@SuppressWarnings("NullAway.Init")
	DatabaseOptions options;

	@Override
	public Integer call() {
		if (!List.of("text", "json").contains(this.format)) {
			throw new ChunkerCommand.UsageException("--format must be text or json, not '" + this.format + "'");
		}
		if (!List.of("definitions", "packed").contains(this.view)) {
			throw new ChunkerCommand.UsageException("--view must be definitions or packed, not '" + this.view + "'");
		}
		String id;
		try {
			id = QueryParams.chunkIdPrefix("id", this.chunkId);
		}
		catch (InvalidParameterException ex) {
			throw QueryOptions.usage(ex);
		}
		ChunkerSettings settings = this.options.settings(Map.of());
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		try (QueryDatabase database = QueryDatabase.open(settings, this.options.url(settings), this.options.verbose, false)) {
			QueryService queries = database.queries();
			Long repoId = QueryOptions.repoId(queries, this.repo);
			if (this.view.equals("packed")) {
				return showWindow(queries, id, repoId, out, err);
			}
			List<ChunkRecord> found = queries.tree().chunksById(id, repoId, 10);
			if (found.isEmpty()) {
				err.println("chunker: no chunk " + id + ((this.repo != null) ? " in '" + this.repo + "'" : ""));
				return ChunkerCommand.FAILED;
			}
			if (found.size() > 1) {
				StringBuilder candidates = new StringBuilder();
				found.forEach((c) -> candidates.append(candidates.isEmpty() ? "" : ", ").append(c.repo()).append(':').append(c.chunkId()));
				throw new ChunkerCommand.UsageException("'" + this.chunkId + "' is ambiguous (" + candidates
						+ (found.size() == 10 ? ", ..." : "") + "); give more digits or --repo");
			}
			ChunkRecord chunk = found.get(0);
			long chunkRepo = queries.repositories().repoId(chunk.repo());
			List<ChunkRecord> parents = queries.tree().parents(chunkRepo, chunk);
			List<ChunkRecord> children = queries.tree().children(chunkRepo, chunk.chunkId(), 0, MAX_CHILDREN);
			long childCount = (children.size() < MAX_CHILDREN) ? children.size() : queries.tree().countChildren(chunkRepo, chunk.chunkId());
			FileInfo file = queries.repositories().file(chunkRepo, chunk.filePath()).orElse(null);
			if (this.format.equals("json")) {
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("chunk", chunk);
				body.put("file", file);
				body.put("parents", parents.stream().map(ChunkRecord::summary).toList());
				body.put("children", children.stream().map(ChunkRecord::summary).toList());
				body.put("children_total", childCount);
				out.println(ChunkJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(body));
			}
			else {
				text(out, chunk, file, parents, children, childCount);
			}
			out.flush();
			return ChunkerCommand.OK;
		}
	}

	/**
	 * A window of the packed view: where it is (every file that holds the same window, since its id is its content's),
	 * its size, budget and header, and its content.
	 */
	private int showWindow(QueryService queries, String id, @Nullable Long repoId, PrintWriter out, PrintWriter err) {
		List<WindowRecord> found = queries.windows().windowsById(id, repoId, MAX_CHILDREN);
		if (found.isEmpty()) {
			err.println("chunker: no window " + id + ((this.repo != null) ? " in '" + this.repo + "'" : ""));
			return ChunkerCommand.FAILED;
		}
		List<String> ids = found.stream().map((w) -> w.repo() + ":" + w.windowId()).distinct().toList();
		if (ids.size() > 1) {
			throw new ChunkerCommand.UsageException("'" + this.chunkId + "' is ambiguous (" + String.join(", ",
					ids.subList(0, Math.min(10, ids.size()))) + (ids.size() > 10 ? ", ..." : "") + "); give more digits or --repo");
		}
		WindowRecord window = found.get(0);
		if (this.format.equals("json")) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("window", window);
			body.put("places", found.stream().map((w) -> Map.of("file_path", w.filePath(), "window_index", w.windowIndex(),
					"start_line", w.startLine(), "end_line", w.endLine())).toList());
			out.println(ChunkJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(body));
			out.flush();
			return ChunkerCommand.OK;
		}
		out.println("window     " + window.windowId());
		out.println("repo       " + window.repo() + " (first written by run " + window.runId() + ")");
		for (WindowRecord place : found) {
			out.printf(Locale.ROOT, "file       %s (%s), window %d, lines %d-%d, bytes %d-%d%n", place.filePath(),
					place.language(), place.windowIndex(), place.startLine(), place.endLine(), place.byteStart(),
					place.byteEnd());
		}
		out.printf(Locale.ROOT, "size       %d non-white-space characters, %d tokens (%s); budget %d %s%s%n",
				window.nwsSize(), window.tokenCount(), window.encoding(), window.budget(), window.unit(),
				window.overBudget() ? ", over budget (an indivisible line)" : "");
		out.println("algorithm  " + window.algorithm());
		out.println("--- header");
		out.println(window.header());
		out.println("--- content");
		out.print(window.content());
		if (!window.content().endsWith("\n")) {
			out.println();
		}
		out.flush();
		return ChunkerCommand.OK;
	}

	/** What the definition declares, when its language's rules describe it: one line per field, the doc indented. */
	private static void metadata(PrintWriter out, @Nullable DefinitionMetadata metadata) {
		if (metadata == null) {
			return;
		}
		out.println("signature  " + metadata.signature());
		if (!metadata.parameters().isEmpty()) {
			out.println("parameters " + metadata.parameters().stream()
				.map((p) -> (p.type() != null) ? p.name() + ": " + p.type() : p.name())
				.collect(java.util.stream.Collectors.joining(", ")));
		}
		if (metadata.returns() != null) {
			out.println("returns    " + metadata.returns());
		}
		if (!metadata.modifiers().isEmpty()) {
			out.println("modifiers  " + String.join(" ", metadata.modifiers()));
		}
		if (!metadata.annotations().isEmpty()) {
			out.println("annotated  " + String.join(" ", metadata.annotations()));
		}
		String doc = metadata.doc();
		out.println("doc        " + ((doc == null) ? "none" : doc.lines().findFirst().orElse("")));
		if (doc != null) {
			doc.lines().skip(1).forEach((line) -> out.println("           " + line));
		}
		if (!metadata.imports().isEmpty()) {
			out.println("imports    " + metadata.imports().size());
			metadata.imports().forEach((line) -> out.println("  " + line));
		}
	}

	private static void text(PrintWriter out, ChunkRecord chunk, @Nullable FileInfo file, List<ChunkRecord> parents,
			List<ChunkRecord> children, long childCount) {
		out.println("chunk      " + chunk.chunkId());
		out.println("repo       " + chunk.repo() + " (inserted by run " + chunk.runId() + ")");
		if (file != null) {
			out.printf(Locale.ROOT, "file       %s (%s, %d bytes, %s, %d chunks, file id %s)%n", file.path(), file.language(),
					file.sizeBytes(), file.status(), file.chunkCount(), file.fileId());
		}
		else {
			out.println("file       " + chunk.filePath() + " (" + chunk.language() + ")");
		}
		out.println("type       " + chunk.nodeType() + ((chunk.name() != null) ? " " + chunk.name() : ""));
		if (chunk.qualifiedName() != null) {
			out.println("qualified  " + chunk.qualifiedName());
		}
		out.printf(Locale.ROOT, "lines      %d-%d, bytes %d-%d, part %d of %d%s%n", chunk.startLine(), chunk.endLine(),
				chunk.byteStart(), chunk.byteEnd(), chunk.partIndex() + 1, chunk.partCount(),
				chunk.hasError() ? ", has parse errors" : "");
		out.println("ids        definition " + chunk.definitionId() + ", content " + chunk.contentHash());
		metadata(out, chunk.metadata());
		out.println("parents    " + (parents.isEmpty() ? "none" : parents.size()));
		for (ChunkRecord parent : parents) {
			out.println("  " + line(parent.summary()));
		}
		out.println("children   " + ((childCount == 0) ? "none" : childCount));
		for (ChunkRecord child : children) {
			out.println("  " + line(child.summary()));
		}
		if (childCount > children.size()) {
			out.println("  ... " + (childCount - children.size()) + " more");
		}
		out.println("--- content");
		out.print(chunk.content());
		if (!chunk.content().endsWith("\n")) {
			out.println();
		}
	}

	private static String line(ChunkSummary chunk) {
		return String.format(Locale.ROOT, "%s  %-24s %-36s lines %d-%d", chunk.chunkId(), chunk.nodeType(),
				(chunk.qualifiedName() != null) ? chunk.qualifiedName() : "-", chunk.startLine(), chunk.endLine());
	}

}
