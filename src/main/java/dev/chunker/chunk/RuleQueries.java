package dev.chunker.chunk;

import java.util.List;
import java.util.stream.Collectors;

import io.github.treesitter.jtreesitter.Query;

/**
 * The one query text of a language's rules: its plain node types as alternations per role, its raw patterns as
 * written, their text predicates taken out ({@link TextPredicates}) and kept by where each pattern starts.
 */
final class RuleQueries {

	private RuleQueries() {
	}

	/**
	 * The query text of a language's rules; its raw patterns' text predicates are taken out and kept by where each
	 * pattern starts in the text.
	 */
	static QuerySource compose(LanguageRules rules) {
		StringBuilder query = new StringBuilder();
		List<Integer> starts = new java.util.ArrayList<>();
		List<List<TextPredicates.Predicate>> predicates = new java.util.ArrayList<>();
		List<String> plain = rules.chunkTypes().stream().filter((t) -> !t.startsWith("(")).toList();
		if (!plain.isEmpty()) {
			query.append(alternation(plain, CompiledLanguage.CHUNK));
		}
		rules.chunkTypes().stream().filter((t) -> t.startsWith("(")).forEach((raw) -> {
			if (!raw.contains("@" + CompiledLanguage.CHUNK)) {
				throw new IllegalArgumentException("languages." + rules.id() + ".chunk_types: pattern '" + raw
						+ "' must capture the definition as @chunk");
			}
			raw(query, starts, predicates, raw, "languages." + rules.id() + ".chunk_types");
		});
		if (!rules.wrappers().isEmpty()) {
			query.append(alternation(rules.wrappers(), CompiledLanguage.WRAPPER));
		}
		List<String> plainComments = java.util.stream.Stream.of(rules.comments(), rules.leading())
			.flatMap(List::stream)
			.filter((t) -> !t.startsWith("("))
			.toList();
		if (!plainComments.isEmpty()) {
			query.append(alternation(plainComments, CompiledLanguage.COMMENT));
		}
		rules.leading().stream().filter((t) -> t.startsWith("(")).forEach((raw) -> {
			if (!raw.contains("@" + CompiledLanguage.COMMENT)) {
				throw new IllegalArgumentException("languages." + rules.id() + ".leading: pattern '" + raw
						+ "' must capture the leading node as @comment");
			}
			raw(query, starts, predicates, raw, "languages." + rules.id() + ".leading");
		});
		if (!rules.skipInside().isEmpty()) {
			query.append(alternation(rules.skipInside(), CompiledLanguage.SKIP));
		}
		return new QuerySource(query.toString(), List.copyOf(starts), List.copyOf(predicates));
	}

	private static void raw(StringBuilder query, List<Integer> starts, List<List<TextPredicates.Predicate>> predicates,
			String raw, String where) {
		TextPredicates.Stripped stripped = TextPredicates.strip(raw, where);
		// the query engine reports where a pattern starts as a byte offset into the UTF-8 text
		starts.add(query.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
		predicates.add(stripped.predicates());
		query.append(stripped.pattern()).append('\n');
		starts.add(query.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
		predicates.add(List.of());
	}

	/** A query's text and the text predicates of its raw patterns, by the byte offset each pattern starts at. */
	record QuerySource(String text, List<Integer> starts, List<List<TextPredicates.Predicate>> predicates) {

		List<List<TextPredicates.Predicate>> byPattern(Query query) {
			List<List<TextPredicates.Predicate>> result = new java.util.ArrayList<>();
			for (int pattern = 0; pattern < query.getPatternCount(); pattern++) {
				int offset = query.startByteForPattern(pattern);
				List<TextPredicates.Predicate> found = List.of();
				// starts holds each raw pattern's first byte and the byte after it (with no predicates): the last
				// start at or before the pattern's offset tells which it is
				for (int i = 0; i < this.starts.size() && this.starts.get(i) <= offset; i++) {
					found = this.predicates.get(i);
				}
				result.add(found);
			}
			return List.copyOf(result);
		}

	}

	private static String alternation(List<String> types, String capture) {
		return types.stream().map((t) -> "(" + t + ")").collect(Collectors.joining(" ", "[", "] @" + capture + "\n"));
	}

}
