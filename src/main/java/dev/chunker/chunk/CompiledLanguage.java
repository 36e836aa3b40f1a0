package dev.chunker.chunk;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.chunker.treesitter.Grammars;
import dev.chunker.treesitter.Grammars.GrammarInfo;
import io.github.treesitter.jtreesitter.Language;
import io.github.treesitter.jtreesitter.Query;
import io.github.treesitter.jtreesitter.QueryError;

/**
 * A language's rules turned into one tree-sitter query, so the C engine walks the tree and only definitions,
 * wrappers and comments become Java objects. Immutable and shared by all threads.
 */
public final class CompiledLanguage {

	static final String CHUNK = "chunk";

	static final String WRAPPER = "wrapper";

	static final String COMMENT = "comment";

	static final String SKIP = "skip";

	private final LanguageRules rules;

	private final Language language;

	private final GrammarInfo grammar;

	private final Query query;

	private final Set<String> nameHolders;

	CompiledLanguage(LanguageRules rules) {
		this.rules = rules;
		this.language = Grammars.language(rules.symbol());
		this.grammar = Grammars.info(rules.symbol());
		String source = querySource(rules);
		try {
			this.query = new Query(this.language, source);
		}
		catch (QueryError ex) {
			throw new IllegalArgumentException("languages." + rules.id() + ": a chunk rule is not valid for grammar "
					+ this.grammar.fingerprint() + ": " + ex.getMessage(), ex);
		}
		this.nameHolders = Set.copyOf(rules.nameHolders());
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

	boolean isNameHolder(String type) {
		return this.nameHolders.contains(type);
	}

}
