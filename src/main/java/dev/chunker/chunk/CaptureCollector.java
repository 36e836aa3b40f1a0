package dev.chunker.chunk;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.chunker.treesitter.NodeWalk;
import io.github.treesitter.jtreesitter.Node;
import io.github.treesitter.jtreesitter.QueryCapture;
import io.github.treesitter.jtreesitter.QueryCursor;
import io.github.treesitter.jtreesitter.QueryMatch;
import io.github.treesitter.jtreesitter.Tree;
import org.jspecify.annotations.Nullable;

/**
 * Collects the definitions, wrappers, comments and skipped regions of a tree, in no particular order: from the
 * native walk ({@link NodeWalk}) when the rules are plain node types, otherwise from the language's query. Both give
 * the same captures (checked in the tests); the walk costs a fraction of the query engine's matching.
 */
final class CaptureCollector {

	private CaptureCollector() {
	}

	/** The captures of a tree: from the walk when {@code walk}, else from the query. */
	static List<Capture> captures(Tree tree, SourceText source, CompiledLanguage language, Deadline deadline,
			boolean walk) {
		return walk ? walkCaptures(tree, source, language, deadline) : queryCaptures(tree, source, language, deadline);
	}

	private static List<Capture> walkCaptures(Tree tree, SourceText source, CompiledLanguage language,
			Deadline deadline) {
		int max = language.rules().maxChunkLines();
		List<Capture> captures = new ArrayList<>();
		MemorySegment marks = Objects.requireNonNull(language.walkMarks());
		try (Arena arena = Arena.ofConfined()) {
			// A modest first buffer (zero-filled native memory): a file with more definitions is walked again with
			// a buffer of the exact size.
			NodeWalk.Hits hits = NodeWalk.walk(tree, marks, Math.min(source.length() / 256, 16_384), arena);
			for (int i = 0; i < hits.count(); i++) {
				if ((i & 255) == 0) {
					deadline.check();
				}
				int mark = hits.mark(i);
				int start = hits.startByte(i);
				int end = hits.endByte(i);
				if ((mark & (CompiledLanguage.MARK_CHUNK | CompiledLanguage.MARK_WRAPPER)) != 0) {
					Node node = hits.node(i);
					String type = language.typeName(hits.symbol(i));
					String name = DefinitionNames.name(node, source, language);
					int last = DefinitionEnds.end(node, start, end, source, language.rules().comments());
					if ((mark & CompiledLanguage.MARK_WRAPPER) != 0) {
						captures.add(Capture.wrapper(start, last, type, name, hits.hasError(i)));
					}
					if ((mark & CompiledLanguage.MARK_CHUNK) != 0) {
						captures.add(new Capture(Capture.CHUNK, start, last, type, name, hits.hasError(i),
								PartSplitter.cutPointsIfLarge(node, start, last, source, max), wrappable(node, language),
								SignatureReader.read(node, source, language)));
					}
				}
				if ((mark & CompiledLanguage.MARK_COMMENT) != 0) {
					captures.add(Capture.marker(Capture.COMMENT, start, end));
				}
				if ((mark & CompiledLanguage.MARK_SKIP) != 0) {
					captures.add(Capture.marker(Capture.SKIP, start, end));
				}
			}
		}
		return captures;
	}

	private static List<Capture> queryCaptures(Tree tree, SourceText source, CompiledLanguage language,
			Deadline deadline) {
		int max = language.rules().maxChunkLines();
		// Matches complete in an order close to, but not exactly, document order: collect their few fields; the
		// extractor sorts them. Node type names are shared per grammar symbol, so a huge file's captures stay small.
		List<Capture> captures = new ArrayList<>();
		try (Arena arena = Arena.ofConfined(); QueryCursor cursor = new QueryCursor(language.query())) {
			// Matches, not captures: ts_query_cursor_next_capture can hand out the capture of a pattern that has
			// not matched yet and then never does (a pattern with an alternation under a field, such as
			// "(lexical_declaration (variable_declarator value: [(arrow_function) ...])) @chunk", yields every
			// lexical_declaration), while next_match only returns complete matches.
			// The deadline is checked per match: jtreesitter 0.26's query progress callback crashes the JVM
			// when the iteration continues after the cursor's exec call, so it cannot be used.
			cursor.findMatches(tree.getRootNode(), arena, new QueryCursor.Options()).forEach((match) -> {
				deadline.check();
				if (!passes(match, language.predicates(match.patternIndex()), source)) {
					return;
				}
				for (QueryCapture capture : match.captures()) {
					Node node = capture.node();
					int start = node.getStartByte();
					int end = node.getEndByte();
					switch (capture.name()) {
						case CompiledLanguage.CHUNK -> {
							int last = DefinitionEnds.end(node, start, end, source, language.rules().comments());
							captures.add(new Capture(Capture.CHUNK, start, last, kind(match, node, source, language),
									named(match, node, source, language), node.hasError(),
									PartSplitter.cutPointsIfLarge(node, start, last, source, max), wrappable(node, language),
									SignatureReader.read(node, source, language)));
						}
						case CompiledLanguage.WRAPPER -> captures.add(Capture.wrapper(start,
								DefinitionEnds.end(node, start, end, source, language.rules().comments()),
								language.typeName(node.getSymbol()), DefinitionNames.name(node, source, language),
								node.hasError()));
						case CompiledLanguage.COMMENT -> captures.add(Capture.marker(Capture.COMMENT, start, end));
						case CompiledLanguage.SKIP -> captures.add(Capture.marker(Capture.SKIP, start, end));
						default -> {
							// Captures of user patterns other than @chunk are ignored.
						}
					}
				}
			});
		}
		return captures;
	}

	/**
	 * Whether a wrapper around a definition lends it its span: the wrapper is its parent, or is reached through
	 * ancestors the definition makes up alone (up to a {@code ;}: TypeScript's {@code export declare function f();}).
	 */
	static boolean wrappable(Node node, CompiledLanguage language) {
		if (!language.hasWrappers()) {
			return false;
		}
		int end = node.getEndByte();
		Node current = node;
		for (int level = 0; level < 3; level++) {
			Node parent = current.getParent().orElse(null);
			if (parent == null) {
				return false;
			}
			if (language.isWrapper(parent.getType())) {
				return true;
			}
			if (parent.getEndByte() > end + 1) {
				return false;
			}
			current = parent;
		}
		return false;
	}

	/** Whether a match passes its pattern's text predicates, checked on the source text. */
	static boolean passes(QueryMatch match, List<TextPredicates.Predicate> predicates, SourceText source) {
		for (TextPredicates.Predicate predicate : predicates) {
			for (QueryCapture capture : match.captures()) {
				if (capture.name().equals(predicate.capture())) {
					Node node = capture.node();
					if (!predicate.test(source.content(node.getStartByte(), node.getEndByte()))) {
						return false;
					}
				}
			}
		}
		return true;
	}

	/**
	 * A definition's type: the text of the pattern's {@code @kind} capture when it has one (Elixir's {@code def} or
	 * {@code defmodule}, where every definition is a call), else its node type.
	 */
	private static String kind(QueryMatch match, Node node, SourceText source, CompiledLanguage language) {
		for (QueryCapture capture : match.captures()) {
			if (capture.name().equals(CompiledLanguage.KIND)) {
				String text = DefinitionNames.text(capture.node(), source);
				if (text != null) {
					return text;
				}
			}
		}
		return language.typeName(node.getSymbol());
	}

	/** A definition's name: the pattern's {@code @name} capture when it has one, else found by the rules. */
	private static @Nullable String named(QueryMatch match, Node node, SourceText source, CompiledLanguage language) {
		for (QueryCapture capture : match.captures()) {
			if (capture.name().equals(CompiledLanguage.NAME)) {
				return DefinitionNames.text(capture.node(), source);
			}
		}
		return DefinitionNames.name(node, source, language);
	}

}
