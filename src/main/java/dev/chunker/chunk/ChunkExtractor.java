package dev.chunker.chunk;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.chunker.treesitter.NodeWalk;
import io.github.treesitter.jtreesitter.Node;
import io.github.treesitter.jtreesitter.QueryCapture;
import io.github.treesitter.jtreesitter.QueryCursor;
import io.github.treesitter.jtreesitter.Tree;
import org.jspecify.annotations.Nullable;

/**
 * Turns one parsed file into chunks. The language's query walks the tree once in C; its captures arrive in
 * document order and are nested with an explicit ancestor stack (no parent lookups, no Java node per tree node).
 */
public final class ChunkExtractor {

	static final int WRAPPER = 0;

	static final int CHUNK = 1;

	private static final int COMMENT = 2;

	private static final int SKIP = 3;

	private static final int MAX_NAME_BYTES = 200;

	private ChunkExtractor() {
	}

	/**
	 * Extracts the chunks of a parsed file.
	 * @param tree the parsed tree (not closed here)
	 * @param source the file's bytes
	 * @param language the compiled rules
	 * @param filePath the repository-relative path
	 * @param deadlineNanos {@link System#nanoTime()} after which extraction is abandoned, or 0 for none
	 * @return the chunks in document order
	 * @throws ChunkingException with reason {@code TIMEOUT} when the deadline passes
	 */
	public static List<CodeChunk> extract(Tree tree, SourceText source, CompiledLanguage language, String filePath,
			long deadlineNanos) {
		List<CodeChunk> chunks = new ArrayList<>();
		extract(tree, source, language, filePath, deadlineNanos, chunks::add);
		// Parts of a split definition come out before its children; document order puts them by offset.
		chunks.sort(Comparator.comparingInt(CodeChunk::byteStart)
			.thenComparing(Comparator.comparingInt(CodeChunk::byteEnd).reversed()));
		return chunks;
	}

	/**
	 * Extracts the chunks of a parsed file into a sink, as they are found (definitions in order of their start),
	 * holding no more than the ancestor stack in memory: the path for huge files.
	 * @return the number of chunks emitted
	 */
	public static long extract(Tree tree, SourceText source, CompiledLanguage language, String filePath,
			long deadlineNanos, java.util.function.Consumer<CodeChunk> sink) {
		Assembler assembler = new Assembler(source, language, filePath, sink);
		capture(tree, source, language, deadlineNanos, assembler);
		return assembler.emitted;
	}

	private static void capture(Tree tree, SourceText source, CompiledLanguage language, long deadlineNanos,
			Assembler assembler) {
		List<Capture> captures = captures(tree, source, language, deadlineNanos, language.walkMarks() != null);
		captures.sort(Comparator.comparingInt(Capture::start)
			.thenComparing(Comparator.comparingInt(Capture::end).reversed())
			.thenComparingInt(Capture::kind));
		Capture previous = null;
		for (Capture capture : captures) {
			// A node matched by two patterns (a plain type and a raw pattern) is one definition.
			if (previous == null || previous.kind() != capture.kind() || previous.start() != capture.start()
					|| previous.end() != capture.end() || !previous.type().equals(capture.type())) {
				assembler.accept(capture);
			}
			previous = capture;
		}
	}

	/**
	 * The definitions, wrappers, comments and skipped regions of a tree, in no particular order: from the native
	 * walk when the rules are plain node types ({@code walk}), otherwise from the language's query. Both give the
	 * same captures (checked in the tests); the walk costs a fraction of the query engine's matching.
	 */
	static List<Capture> captures(Tree tree, SourceText source, CompiledLanguage language, long deadlineNanos,
			boolean walk) {
		return walk ? walkCaptures(tree, source, language, deadlineNanos)
				: queryCaptures(tree, source, language, deadlineNanos);
	}

	private static List<Capture> walkCaptures(Tree tree, SourceText source, CompiledLanguage language,
			long deadlineNanos) {
		int max = language.rules().maxChunkLines();
		List<Capture> captures = new ArrayList<>();
		MemorySegment marks = java.util.Objects.requireNonNull(language.walkMarks());
		try (Arena arena = Arena.ofConfined()) {
			// A modest first buffer (zero-filled native memory): a file with more definitions is walked again with
			// a buffer of the exact size.
			NodeWalk.Hits hits = NodeWalk.walk(tree, marks, Math.min(source.length() / 256, 16_384), arena);
			for (int i = 0; i < hits.count(); i++) {
				if (deadlineNanos != 0 && (i & 255) == 0 && System.nanoTime() > deadlineNanos) {
					throw new ChunkingException(ChunkingException.Reason.TIMEOUT,
							"chunk extraction exceeded parse_timeout_ms");
				}
				int mark = hits.mark(i);
				int start = hits.startByte(i);
				int end = hits.endByte(i);
				if ((mark & (CompiledLanguage.MARK_CHUNK | CompiledLanguage.MARK_WRAPPER)) != 0) {
					Node node = hits.node(i);
					String type = language.typeName(hits.symbol(i));
					String name = name(node, source, language);
					if ((mark & CompiledLanguage.MARK_WRAPPER) != 0) {
						captures.add(new Capture(WRAPPER, start, end, type, name, hits.hasError(i), new int[0]));
					}
					if ((mark & CompiledLanguage.MARK_CHUNK) != 0) {
						int[] cuts = (max > 0 && source.lineCount(start, end) > max / 2) ? cutPoints(node, source, max, 0)
								: new int[0];
						captures.add(new Capture(CHUNK, start, end, type, name, hits.hasError(i), cuts));
					}
				}
				if ((mark & CompiledLanguage.MARK_COMMENT) != 0) {
					captures.add(new Capture(COMMENT, start, end, "", null, false, new int[0]));
				}
				if ((mark & CompiledLanguage.MARK_SKIP) != 0) {
					captures.add(new Capture(SKIP, start, end, "", null, false, new int[0]));
				}
			}
		}
		return captures;
	}

	private static List<Capture> queryCaptures(Tree tree, SourceText source, CompiledLanguage language,
			long deadlineNanos) {
		LanguageRules rules = language.rules();
		int max = rules.maxChunkLines();
		// Matches complete in an order close to, but not exactly, document order: collect their few fields, sort, then
		// assemble. Node type names are shared per grammar symbol, so a huge file's captures stay small.
		List<Capture> captures = new ArrayList<>();
		try (Arena arena = Arena.ofConfined(); QueryCursor cursor = new QueryCursor(language.query())) {
			// Matches, not captures: ts_query_cursor_next_capture can hand out the capture of a pattern that has
			// not matched yet and then never does (a pattern with an alternation under a field, such as
			// "(lexical_declaration (variable_declarator value: [(arrow_function) ...])) @chunk", yields every
			// lexical_declaration), while next_match only returns complete matches. Order is restored below.
			// The deadline is checked per match: jtreesitter 0.26's query progress callback crashes the JVM
			// when the iteration continues after the cursor's exec call, so it cannot be used.
			cursor.findMatches(tree.getRootNode(), arena, new QueryCursor.Options()).forEach((match) -> {
				if (deadlineNanos != 0 && System.nanoTime() > deadlineNanos) {
					throw new ChunkingException(ChunkingException.Reason.TIMEOUT,
							"chunk extraction exceeded parse_timeout_ms");
				}
				for (QueryCapture capture : match.captures()) {
					Node node = capture.node();
					int start = node.getStartByte();
					int end = node.getEndByte();
					switch (capture.name()) {
						case CompiledLanguage.CHUNK -> {
							int[] cuts = (max > 0 && source.lineCount(start, end) > max / 2)
									? cutPoints(node, source, max, 0) : new int[0];
							captures.add(new Capture(CHUNK, start, end, language.typeName(node.getSymbol()),
									name(node, source, language), node.hasError(), cuts));
						}
						case CompiledLanguage.WRAPPER -> captures.add(new Capture(WRAPPER, start, end, language.typeName(node.getSymbol()),
								name(node, source, language), node.hasError(), new int[0]));
						case CompiledLanguage.COMMENT ->
							captures.add(new Capture(COMMENT, start, end, "", null, false, new int[0]));
						case CompiledLanguage.SKIP -> captures.add(new Capture(SKIP, start, end, "", null, false, new int[0]));
						default -> {
							// Captures of user patterns other than @chunk are ignored.
						}
					}
				}
			});
		}
		return captures;
	}

	/** Line-aligned offsets where a large definition may be split: the starts of its child statements. */
	private static int[] cutPoints(Node node, SourceText source, int maxLines, int depth) {
		Node body = node.getChildByFieldName("body").orElse(node);
		List<Integer> cuts = new ArrayList<>();
		for (Node child : body.getNamedChildren()) {
			int start = child.getStartByte();
			if (start > node.getStartByte() && source.startsLine(start)) {
				cuts.add(source.lineStartOf(start));
			}
			if (depth < 3 && source.lineCount(start, child.getEndByte()) > maxLines) {
				for (int inner : cutPoints(child, source, maxLines, depth + 1)) {
					cuts.add(inner);
				}
			}
		}
		return cuts.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
	}

	private static @Nullable String name(Node node, SourceText source, CompiledLanguage language) {
		LanguageRules rules = language.rules();
		for (String field : rules.nameFields()) {
			Optional<Node> child = node.getChildByFieldName(field);
			if (child.isPresent()) {
				return nameOf(child.get(), source, rules, 0);
			}
		}
		if (!rules.nameHolders().isEmpty()) {
			int count = node.getNamedChildCount();
			for (int i = 0; i < count && i < 16; i++) {
				Node child = node.getNamedChild(i).orElseThrow();
				if (language.isNameHolder(child.getType())) {
					return name(child, source, language);
				}
			}
		}
		return null;
	}

	private static @Nullable String nameOf(Node node, SourceText source, LanguageRules rules, int depth) {
		String type = node.getType();
		if (isIdentifier(type) || depth > 8) {
			return text(node, source);
		}
		for (String field : rules.nameFields()) {
			Optional<Node> child = node.getChildByFieldName(field);
			if (child.isPresent()) {
				return nameOf(child.get(), source, rules, depth + 1);
			}
		}
		if (type.endsWith("declarator")) {
			int count = node.getNamedChildCount();
			for (int i = 0; i < count; i++) {
				Node child = node.getNamedChild(i).orElseThrow();
				String childType = child.getType();
				if (isIdentifier(childType) || childType.endsWith("declarator")) {
					return nameOf(child, source, rules, depth + 1);
				}
			}
		}
		return text(node, source);
	}

	private static boolean isIdentifier(String type) {
		// qualified_name (C# "Demo.Services") and scope_resolution (Ruby "A::B") are names as a whole: their own
		// name field holds only the last part.
		return type.contains("identifier") || type.equals("name") || type.equals("qualified_name")
				|| type.equals("scope_resolution") || type.equals("constant") || type.equals("word")
				|| type.equals("operator_name") || type.equals("destructor_name");
	}

	private static @Nullable String text(Node node, SourceText source) {
		int start = node.getStartByte();
		int end = node.getEndByte();
		if (end - start > MAX_NAME_BYTES || end <= start) {
			return null;
		}
		String text = source.content(start, end);
		return (text.indexOf('\n') >= 0) ? null : text.strip();
	}

	record Capture(int kind, int start, int end, String type, @Nullable String name, boolean hasError,
			int[] cuts) {
	}

	/** A definition on the ancestor stack. */
	private static final class Open {

		final int start;

		final int end;

		final String definitionId;

		final @Nullable String qualifiedName;

		final @Nullable Open emittedAncestor;

		final int[] partStarts;

		final String[] partIds;

		final Map<String, Integer> occurrences = new HashMap<>();

		Open(int start, int end, String definitionId, @Nullable String qualifiedName, @Nullable Open emittedAncestor,
				int[] partStarts, String[] partIds) {
			this.start = start;
			this.end = end;
			this.definitionId = definitionId;
			this.qualifiedName = qualifiedName;
			this.emittedAncestor = emittedAncestor;
			this.partStarts = partStarts;
			this.partIds = partIds;
		}

		boolean emitted() {
			return this.partIds.length > 0;
		}

		String partIdAt(int offset) {
			int index = 0;
			for (int i = 0; i < this.partStarts.length; i++) {
				if (this.partStarts[i] <= offset) {
					index = i;
				}
			}
			return this.partIds[index];
		}

	}

	/** Nests captures and builds chunks. */
	private static final class Assembler {

		private final SourceText source;

		private final LanguageRules rules;

		private final String filePath;

		private final String fileId;

		private final java.util.function.Consumer<CodeChunk> sink;

		long emitted;

		private @Nullable Capture wrapper;

		private int commentStart = -1;

		private int commentEnd = -1;

		private int skipEnd = -1;

		private final Deque<Open> stack = new ArrayDeque<>();

		private final Open root;

		Assembler(SourceText source, CompiledLanguage language, String filePath, java.util.function.Consumer<CodeChunk> sink) {
			this.sink = sink;
			this.source = source;
			this.rules = language.rules();
			this.filePath = filePath;
			this.fileId = ChunkIds.fileId(filePath);
			this.root = new Open(0, Integer.MAX_VALUE, "", null, null, new int[0], new String[0]);
		}

		void accept(Capture capture) {
			switch (capture.kind()) {
				case COMMENT -> {
					if (this.commentStart >= 0 && this.source.adjacent(this.commentEnd, capture.start())) {
						this.commentEnd = capture.end();
					}
					else if (this.source.startsLine(capture.start())) {
						this.commentStart = capture.start();
						this.commentEnd = capture.end();
					}
					else {
						this.commentStart = -1;
					}
				}
				case WRAPPER -> {
					if (this.wrapper == null || capture.start() >= this.wrapper.end()) {
						this.wrapper = capture;
					}
				}
				case SKIP -> this.skipEnd = Math.max(this.skipEnd, capture.end());
				default -> {
					if (capture.start() < this.skipEnd) {
						return;
					}
					int start = capture.start();
					int end = capture.end();
					String name = capture.name();
					boolean hasError = capture.hasError();
					Capture around = this.wrapper;
					if (around != null && start >= around.start() && start < around.end()) {
						start = around.start();
						end = Math.max(end, around.end());
						name = (name != null) ? name : around.name();
						hasError |= around.hasError();
						this.wrapper = null;
					}
					int poppedEnd = popTo(start);
					if (this.commentStart >= 0 && this.commentEnd <= start && this.commentStart >= poppedEnd
							&& this.commentStart >= top().start && this.source.adjacent(this.commentEnd, start)) {
						start = this.commentStart;
					}
					this.commentStart = -1;
					open(capture, start, end, name, hasError);
				}
			}
		}

		private Open top() {
			Open top = this.stack.peek();
			return (top != null) ? top : this.root;
		}

		/** Closes the definitions that end before {@code offset}; returns the largest end closed. */
		private int popTo(int offset) {
			int poppedEnd = -1;
			while (!this.stack.isEmpty() && this.stack.peek().end <= offset) {
				poppedEnd = Math.max(poppedEnd, this.stack.pop().end);
			}
			return poppedEnd;
		}

		private void open(Capture capture, int start, int end, @Nullable String name, boolean hasError) {
			Open parent = top();
			String type = capture.type();
			String occurrenceKey = type + '\0' + ((name != null) ? name : "");
			int occurrence = parent.occurrences.merge(occurrenceKey, 1, Integer::sum) - 1;
			String definitionId = ChunkIds.definitionId(this.fileId, parent.definitionId, type,
					(name != null) ? name : "", occurrence);
			String qualifiedName = (name == null) ? null
					: (parent.qualifiedName != null) ? parent.qualifiedName + "." + name : name;
			// Anonymous definitions pass their parent's qualified name on, so children keep a meaningful path.
			String scopeName = (name != null) ? qualifiedName : parent.qualifiedName;
			Open emittedAncestor = parent.emitted() ? parent : parent.emittedAncestor;
			String parentChunkId = (emittedAncestor != null) ? emittedAncestor.partIdAt(start) : null;

			int lines = this.source.lineCount(start, end);
			int min = this.rules.minChunkLines();
			int max = this.rules.maxChunkLines();
			int[] partStarts = new int[0];
			String[] partIds = new String[0];
			if (lines >= min) {
				partStarts = (max > 0 && lines > max) ? split(start, end, capture.cuts(), max) : new int[] { start };
				partIds = new String[partStarts.length];
				for (int i = 0; i < partStarts.length; i++) {
					int partStart = partStarts[i];
					int partEnd = (i + 1 < partStarts.length) ? partStarts[i + 1] : end;
					String contentHash = this.source.contentHash(partStart, partEnd);
					String chunkId = ChunkIds.chunkId(definitionId, i, contentHash);
					partIds[i] = chunkId;
					this.emitted++;
					this.sink.accept(new CodeChunk(this.filePath, this.rules.id(), type, name, qualifiedName, parentChunkId,
							this.source.lineOf(partStart), this.source.endLineOf(partStart, partEnd), partStart, partEnd,
							this.source.content(partStart, partEnd), chunkId, this.fileId, definitionId, contentHash,
							hasError, i, partStarts.length));
				}
			}
			this.stack.push(new Open(start, end, definitionId, scopeName, emittedAncestor, partStarts, partIds));
		}

		/** Greedy split at cut points into parts of at most {@code max} lines where the cut points allow. */
		private int[] split(int start, int end, int[] cuts, int max) {
			List<Integer> starts = new ArrayList<>();
			starts.add(start);
			int partStart = start;
			int best = -1;
			for (int cut : cuts) {
				if (cut <= partStart || cut >= end) {
					continue;
				}
				if (this.source.lineCount(partStart, cut) > max) {
					if (best > partStart) {
						starts.add(best);
						partStart = best;
					}
					if (this.source.lineCount(partStart, cut) > max) {
						// No cut point inside this statement: the part stays larger than the limit.
						starts.add(cut);
						partStart = cut;
						best = -1;
						continue;
					}
				}
				best = cut;
			}
			if (this.source.lineCount(partStart, end) > max && best > partStart) {
				starts.add(best);
			}
			return starts.stream().mapToInt(Integer::intValue).toArray();
		}

	}

}
