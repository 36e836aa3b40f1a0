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
		String source = querySource(rules);
		try {
			this.query = new Query(this.language, source);
		}
		catch (QueryError ex) {
			throw new IllegalArgumentException("languages." + rules.id() + ": a chunk rule is not valid for grammar "
					+ this.grammar.fingerprint() + ": " + ex.getMessage(), ex);
		}
		this.nameHolders = Set.copyOf(rules.nameHolders());
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
		if (!NodeWalk.available() || rules.chunkTypes().stream().anyMatch((t) -> t.startsWith("("))) {
			return false;
		}
		return java.util.stream.Stream.of(rules.chunkTypes(), rules.wrappers(), rules.comments(), rules.skipInside())
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
		NodeWalk.mark(marks, language, rules.skipInside(), MARK_SKIP);
		return NodeWalk.marks(marks);
	}

	static String querySource(LanguageRules rules) {
		StringBuilder query = new StringBuilder();
		List<String> plain = rules.chunkTypes().stream().filter((t) -> !t.startsWith("(")).toList();
		if (!plain.isEmpty()) {
			query.append(alternation(plain, CHUNK));
		}
		rules.chunkTypes().stream().filter((t) -> t.startsWith("(")).forEach((raw) -> {
			if (!raw.contains("@" + CHUNK)) {
				throw new IllegalArgumentException("languages." + rules.id() + ".chunk_types: pattern '" + raw
						+ "' must capture the definition as @chunk");
			}
			query.append(raw).append('\n');
		});
		if (!rules.wrappers().isEmpty()) {
			query.append(alternation(rules.wrappers(), WRAPPER));
		}
		if (!rules.comments().isEmpty()) {
			query.append(alternation(rules.comments(), COMMENT));
		}
		if (!rules.skipInside().isEmpty()) {
			query.append(alternation(rules.skipInside(), SKIP));
		}
		return query.toString();
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

	boolean isNameHolder(String type) {
		return this.nameHolders.contains(type);
	}

}
