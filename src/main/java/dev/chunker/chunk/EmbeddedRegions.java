package dev.chunker.chunk;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import dev.chunker.treesitter.ParserPool;
import io.github.treesitter.jtreesitter.InputEncoding;
import io.github.treesitter.jtreesitter.Node;
import io.github.treesitter.jtreesitter.Parser;
import io.github.treesitter.jtreesitter.QueryCapture;
import io.github.treesitter.jtreesitter.QueryCursor;
import io.github.treesitter.jtreesitter.Range;
import io.github.treesitter.jtreesitter.Tree;

/**
 * The definitions of other languages inside a file: a {@code .vue} file's {@code <script lang="ts">} block, an HTML
 * page's {@code <style>}. The file's {@code embedded} rules find the regions; each is parsed with its language's
 * grammar over the same text, limited to the region by tree-sitter's included ranges, so the inner tree's offsets
 * are the file's own and its captures nest into the file's chunks (the block's chunk is their parent).
 */
final class EmbeddedRegions {

	private EmbeddedRegions() {
	}

	/** A region of another language: where it is, and the first rule (in rules order) that claimed it. */
	record Region(Range range, String language, int pattern) {
	}

	/** The captures of every embedded region of a parsed file, in no particular order. */
	static List<Capture> captures(Tree tree, SourceText source, CompiledLanguage language,
			Function<String, CompiledLanguage> languages, ParserPool parsers, Deadline deadline) {
		if (language.embeddedQuery() == null || !source.onHeap()) {
			// a file too large for the heap is chunked by its own rules only
			return List.of();
		}
		List<Capture> captures = new ArrayList<>();
		for (Region region : regions(tree, source, language, deadline)) {
			CompiledLanguage inner = languages.apply(region.language());
			try (ParserPool.Lease lease = parsers.borrow(region.language(), inner.language())) {
				Parser parser = lease.parser();
				parser.setIncludedRanges(List.of(region.range()));
				try (Tree innerTree = parser.parse(source.parseText(), InputEncoding.UTF_8)
					.orElseThrow(() -> new ChunkingException(ChunkingException.Reason.PARSE_FAILED,
							"the " + region.language() + " parser returned no tree for the region at byte "
									+ region.range().startByte()))) {
					captures.addAll(CaptureCollector.captures(innerTree, source, inner, deadline, inner.walkMarks() != null));
				}
				finally {
					parser.setIncludedRanges(List.of());
				}
			}
		}
		return captures;
	}

	/** The regions the rules find, one per node (the first rule that matches it wins), without the unparsed ones. */
	static List<Region> regions(Tree tree, SourceText source, CompiledLanguage language, Deadline deadline) {
		Map<Integer, Region> byStart = new TreeMap<>();
		try (Arena arena = Arena.ofConfined();
				QueryCursor cursor = new QueryCursor(java.util.Objects.requireNonNull(language.embeddedQuery()))) {
			cursor.findMatches(tree.getRootNode(), arena, new QueryCursor.Options()).forEach((match) -> {
				deadline.check();
				if (!CaptureCollector.passes(match, language.embeddedPredicates(match.patternIndex()), source)) {
					return;
				}
				for (QueryCapture capture : match.captures()) {
					if (!capture.name().startsWith(CompiledLanguage.EMBEDDED_PREFIX)) {
						continue;
					}
					Node node = capture.node();
					if (node.getEndByte() <= node.getStartByte()) {
						continue;
					}
					Region region = new Region(node.getRange(),
							capture.name().substring(CompiledLanguage.EMBEDDED_PREFIX.length()), match.patternIndex());
					byStart.merge(node.getStartByte(), region, (a, b) -> (a.pattern() <= b.pattern()) ? a : b);
				}
			});
		}
		return byStart.values().stream().filter((r) -> !r.language().equals(CompiledLanguage.NOT_PARSED)).toList();
	}

}
