package dev.chunker.chunk;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.chunker.treesitter.Grammars;
import dev.chunker.treesitter.Grammars.GrammarInfo;
import dev.chunker.treesitter.NodeWalk;
import io.github.treesitter.jtreesitter.Language;
import io.github.treesitter.jtreesitter.Query;
import io.github.treesitter.jtreesitter.QueryError;
import org.jspecify.annotations.Nullable;

/**
 * A language's rules turned into one tree-sitter query, so the C engine walks the tree and only definitions,
 * wrappers and comments become Java objects. Immutable and shared by all threads.
 */
public final class CompiledLanguage {

	static final String CHUNK = "chunk";

	static final String WRAPPER = "wrapper";

	static final String COMMENT = "comment";

	static final String SKIP = "skip";

	/** The capture of a raw pattern that names its definition (when the name is in no field). */
	static final String NAME = "name";

	/** The capture of a raw pattern whose text is its definition's type (when the node type says too little). */
	static final String KIND = "kind";

	/** Marks of node types in the native walk, one bit per role. */
	static final int MARK_CHUNK = 1;

	static final int MARK_WRAPPER = 2;

	static final int MARK_COMMENT = 4;

	static final int MARK_SKIP = 8;

	private final LanguageRules rules;

	private final Language language;

	private final GrammarInfo grammar;

	private final Query query;

	private final Set<String> nameHolders;

	/** The text predicates of each pattern of {@link #query}, by pattern index (mostly empty). */
	private final List<List<TextPredicates.Predicate>> predicates;

	private final @Nullable MemorySegment walkMarks;

	/** Node type names by symbol: one shared String per type, looked up once per grammar rather than per node. */
	private final String[] typeNames;

	CompiledLanguage(LanguageRules rules) {
		this.rules = rules;
		try {
			this.language = Grammars.language(rules.symbol(), rules.library());
			this.grammar = Grammars.info(rules.symbol(), rules.library());
		}
		catch (IllegalStateException ex) {
			throw new IllegalArgumentException("languages." + rules.id() + ": " + ex.getMessage(), ex);
		}
		QuerySource source = compose(rules);
		try {
			this.query = new Query(this.language, source.text());
		}
		catch (QueryError ex) {
			throw new IllegalArgumentException("languages." + rules.id() + ": a chunk rule is not valid for grammar "
					+ this.grammar.fingerprint() + ": " + ex.getMessage(), ex);
		}
		this.nameHolders = Set.copyOf(rules.nameHolders());
		this.predicates = source.byPattern(this.query);
		this.walkMarks = walkable(rules, this.language) ? walkMarks(rules, this.language) : null;
		this.typeNames = new String[this.language.getSymbolCount()];
		for (int symbol = 0; symbol < this.typeNames.length; symbol++) {
			String name = this.language.getSymbolName((short) symbol);
			this.typeNames[symbol] = (name != null) ? name : "";
		}
	}

	/**
	 * Rules made only of node types (no raw query patterns) can be found by the native walk, unless one names a
	 * supertype (such as Python's {@code expression}) or {@code ERROR}: a query matches a supertype's subtypes, which
	 * the walk's symbol marks would not, and ERROR has no place in them.
	 */
	static boolean walkable(LanguageRules rules, Language language) {
		if (!NodeWalk.available() || java.util.stream.Stream.of(rules.chunkTypes(), rules.leading())
			.flatMap(List::stream)
			.anyMatch((t) -> t.startsWith("("))) {
			return false;
		}
		return java.util.stream.Stream.of(rules.chunkTypes(), rules.wrappers(), rules.comments(), rules.leading(),
				rules.skipInside())
			.flatMap(List::stream)
			.allMatch((type) -> {
				// ERROR is no symbol of the grammar's table (0xFFFF): the walk's marks cannot hold it.
				int symbol = Short.toUnsignedInt(language.getSymbolForName(type, true));
				return symbol < language.getSymbolCount() && language.isVisible((short) symbol);
			});
	}

	private static MemorySegment walkMarks(LanguageRules rules, Language language) {
		byte[] marks = new byte[language.getSymbolCount()];
		NodeWalk.mark(marks, language, rules.chunkTypes(), MARK_CHUNK);
		NodeWalk.mark(marks, language, rules.wrappers(), MARK_WRAPPER);
		NodeWalk.mark(marks, language, rules.comments(), MARK_COMMENT);
		NodeWalk.mark(marks, language, rules.leading(), MARK_COMMENT);
		NodeWalk.mark(marks, language, rules.skipInside(), MARK_SKIP);
		return NodeWalk.marks(marks);
	}

	static String querySource(LanguageRules rules) {
		return compose(rules).text();
	}

	/**
	 * The query text of a language's rules; its raw patterns' text predicates are taken out and kept by where each
	 * pattern starts in the text.
	 */
	private static QuerySource compose(LanguageRules rules) {
		StringBuilder query = new StringBuilder();
		List<Integer> starts = new java.util.ArrayList<>();
		List<List<TextPredicates.Predicate>> predicates = new java.util.ArrayList<>();
		List<String> plain = rules.chunkTypes().stream().filter((t) -> !t.startsWith("(")).toList();
		if (!plain.isEmpty()) {
			query.append(alternation(plain, CHUNK));
		}
		rules.chunkTypes().stream().filter((t) -> t.startsWith("(")).forEach((raw) -> {
			if (!raw.contains("@" + CHUNK)) {
				throw new IllegalArgumentException("languages." + rules.id() + ".chunk_types: pattern '" + raw
						+ "' must capture the definition as @chunk");
			}
			raw(query, starts, predicates, raw, "languages." + rules.id() + ".chunk_types");
		});
		if (!rules.wrappers().isEmpty()) {
			query.append(alternation(rules.wrappers(), WRAPPER));
		}
		List<String> plainComments = java.util.stream.Stream.of(rules.comments(), rules.leading())
			.flatMap(List::stream)
			.filter((t) -> !t.startsWith("("))
			.toList();
		if (!plainComments.isEmpty()) {
			query.append(alternation(plainComments, COMMENT));
		}
		rules.leading().stream().filter((t) -> t.startsWith("(")).forEach((raw) -> {
			if (!raw.contains("@" + COMMENT)) {
				throw new IllegalArgumentException("languages." + rules.id() + ".leading: pattern '" + raw
						+ "' must capture the leading node as @comment");
			}
			raw(query, starts, predicates, raw, "languages." + rules.id() + ".leading");
		});
		if (!rules.skipInside().isEmpty()) {
			query.append(alternation(rules.skipInside(), SKIP));
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
	private record QuerySource(String text, List<Integer> starts, List<List<TextPredicates.Predicate>> predicates) {

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

	public LanguageRules rules() {
		return this.rules;
	}

	public Language language() {
		return this.language;
	}

	public GrammarInfo grammar() {
		return this.grammar;
	}

	Query query() {
		return this.query;
	}

	/** The node type name of a (public) symbol, as {@code Node.getType()} gives it. */
	String typeName(short symbol) {
		int index = Short.toUnsignedInt(symbol);
		if (index < this.typeNames.length) {
			return this.typeNames[index];
		}
		// ERROR (0xFFFF) is outside the grammar's table; a rule may still capture it through the query.
		String name = this.language.getSymbolName(symbol);
		return (name != null) ? name : "ERROR";
	}

	/** Per-symbol marks for the native walk, or null when the rules need the query. */
	@Nullable MemorySegment walkMarks() {
		return this.walkMarks;
	}

	/** The text predicates a match of pattern {@code pattern} must pass (none for most patterns). */
	List<TextPredicates.Predicate> predicates(int pattern) {
		return (pattern < this.predicates.size()) ? this.predicates.get(pattern) : List.of();
	}

	boolean isNameHolder(String type) {
		return this.nameHolders.contains(type);
	}

}
