package dev.chunker.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of a text search. The text is split at white space into terms; a chunk matches when it contains every
 * term. A term ending in {@code *} is a prefix.
 * <ul>
 * <li>PostgreSQL: each term is split further at every character that is not a letter or digit (as the indexed
 * text is), the parts of one term must follow each other ({@code parse_args} finds {@code parse_args} and
 * {@code parse args}, not {@code args ... parse}), and chunks are ranked by {@code ts_rank} with names weighing
 * more than content.</li>
 * <li>H2: each term is a case-insensitive substring of the name, qualified name or content, and the rank adds, per
 * term, 4 for a name equal to it, 2 for a name containing it, 1 for a qualified name containing it, and
 * {@code n / (n + 2)} for {@code n} occurrences in the content.</li>
 * </ul>
 * @param text the text as given
 * @param terms the terms, lower case, without a trailing {@code *}
 * @param prefix per term, whether it ended in {@code *}
 */
public record TextQuery(String text, List<String> terms, List<Boolean> prefix) {

	static final int MAX_LENGTH = 500;

	static final int MAX_TERMS = 16;

	public static TextQuery parse(String parameter, String text) {
		if (text.isBlank()) {
			throw new InvalidParameterException(parameter, "must not be empty");
		}
		if (text.length() > MAX_LENGTH) {
			throw new InvalidParameterException(parameter, "is longer than " + MAX_LENGTH + " characters");
		}
		List<String> terms = new ArrayList<>();
		List<Boolean> prefix = new ArrayList<>();
		for (String raw : text.strip().split("\\s+")) {
			boolean isPrefix = raw.endsWith("*");
			String term = raw.replaceAll("\\*+$", "").toLowerCase(Locale.ROOT);
			if (words(term).isEmpty()) {
				throw new InvalidParameterException(parameter, "term '" + raw + "' has no letter or digit");
			}
			terms.add(term);
			prefix.add(isPrefix);
		}
		if (terms.size() > MAX_TERMS) {
			throw new InvalidParameterException(parameter, "has more than " + MAX_TERMS + " terms");
		}
		return new TextQuery(text, List.copyOf(terms), List.copyOf(prefix));
	}

	/** The runs of letters and digits of a term. */
	static List<String> words(String term) {
		List<String> words = new ArrayList<>();
		for (String part : term.split("[^\\p{L}\\p{N}]+")) {
			if (!part.isEmpty()) {
				words.add(part);
			}
		}
		return words;
	}

	/**
	 * The PostgreSQL {@code tsquery} (for {@code to_tsquery('simple', ...)}): terms joined with {@code &}, the words
	 * of a term with {@code <->}, {@code :*} after a prefix term. Only letters and digits reach it, so no user text
	 * is read as query syntax.
	 */
	String tsquery() {
		List<String> parts = new ArrayList<>();
		for (int i = 0; i < this.terms.size(); i++) {
			String phrase = String.join(" <-> ", words(this.terms.get(i)));
			if (this.prefix.get(i)) {
				phrase += ":*";
			}
			parts.add(words(this.terms.get(i)).size() > 1 ? "(" + phrase + ")" : phrase);
		}
		return String.join(" & ", parts);
	}

}
