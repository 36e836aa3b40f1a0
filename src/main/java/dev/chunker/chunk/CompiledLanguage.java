package dev.chunker.chunk;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Set;

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

	/** The language of an embedded region that is not parsed (a {@code <style lang="scss">} block). */
	static final String NOT_PARSED = "none";

	/** The capture of an embedded region: {@code @embedded.<language>}. */
	static final String EMBEDDED_PREFIX = "embedded.";

	private static final java.util.regex.Pattern EMBEDDED_CAPTURE = java.util.regex.Pattern
		.compile("@embedded\\.([A-Za-z0-9_]+)");

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

	private final Set<String> wrappers;

	private final Set<String> comments;

	/** The query of the embedded regions (one pattern per rule entry), or null when the language has none. */
	private final @Nullable Query embeddedQuery;

	/** The text predicates of each pattern of {@link #embeddedQuery}. */
	private final List<List<TextPredicates.Predicate>> embeddedPredicates;

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
		RuleQueries.QuerySource source = RuleQueries.compose(rules);
		try {
			this.query = new Query(this.language, source.text());
		}
		catch (QueryError ex) {
			// no cause: the one-line report takes the deepest cause's message, which would lose the language
			throw new IllegalArgumentException("languages." + rules.id() + ": a chunk rule is not valid for grammar "
					+ this.grammar.fingerprint() + ": " + ex.getMessage());
		}
		this.nameHolders = Set.copyOf(rules.nameHolders());
		this.wrappers = Set.copyOf(rules.wrappers());
		this.comments = Set.copyOf(rules.comments());
		this.predicates = source.byPattern(this.query);
		List<List<TextPredicates.Predicate>> embedded = new java.util.ArrayList<>();
		if (rules.embedded().isEmpty()) {
			this.embeddedQuery = null;
		}
		else {
			StringBuilder text = new StringBuilder();
			for (String pattern : rules.embedded()) {
				TextPredicates.Stripped stripped = TextPredicates.strip(pattern, "languages." + rules.id() + ".embedded");
				embedded.add(stripped.predicates());
				text.append(stripped.pattern()).append('\n');
			}
			try {
				this.embeddedQuery = new Query(this.language, text.toString());
			}
			catch (QueryError ex) {
				throw new IllegalArgumentException("languages." + rules.id() + ".embedded: a pattern is not valid for grammar "
						+ this.grammar.fingerprint() + ": " + ex.getMessage());
			}
			if (this.embeddedQuery.getPatternCount() != rules.embedded().size()) {
				throw new IllegalArgumentException("languages." + rules.id() + ".embedded: write one pattern per entry");
			}
		}
		this.embeddedPredicates = List.copyOf(embedded);
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
		return RuleQueries.compose(rules).text();
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

	/** The language a raw embedded-region pattern captures ({@code @embedded.typescript}), or null. */
	static @Nullable String embeddedLanguage(String pattern) {
		java.util.regex.Matcher matcher = EMBEDDED_CAPTURE.matcher(pattern);
		return matcher.find() ? matcher.group(1) : null;
	}

	@Nullable Query embeddedQuery() {
		return this.embeddedQuery;
	}

	List<TextPredicates.Predicate> embeddedPredicates(int pattern) {
		return (pattern < this.embeddedPredicates.size()) ? this.embeddedPredicates.get(pattern) : List.of();
	}

	/** The text predicates a match of pattern {@code pattern} must pass (none for most patterns). */
	List<TextPredicates.Predicate> predicates(int pattern) {
		return (pattern < this.predicates.size()) ? this.predicates.get(pattern) : List.of();
	}

	boolean hasWrappers() {
		return !this.wrappers.isEmpty();
	}

	boolean isWrapper(String type) {
		return this.wrappers.contains(type);
	}

	boolean isComment(String type) {
		return this.comments.contains(type);
	}

	boolean isNameHolder(String type) {
		return this.nameHolders.contains(type);
	}

}
