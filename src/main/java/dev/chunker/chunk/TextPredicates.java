package dev.chunker.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text predicates of a raw rule pattern ({@code #eq?}, {@code #any-of?}, {@code #match?} and their
 * {@code not-} forms, each on one capture and string arguments), taken out of the pattern and checked here on the
 * source text. The query engine would check them only on a tree that keeps its text, and a file parsed in slices
 * (a large file whose parse can be cancelled) keeps none, so every match would pass there.
 */
final class TextPredicates {

	private static final Pattern PREDICATE = Pattern.compile(
			"\\(#(not-)?(eq|any-of|match)\\?\\s+@([\\w.-]+)((?:\\s+\"(?:[^\"\\\\]|\\\\.)*\")+)\\s*\\)");

	private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

	/** One predicate: a capture whose text must (or, negated, must not) equal a value, be one of them, or match. */
	record Predicate(String capture, boolean negated, List<String> values, @org.jspecify.annotations.Nullable Pattern regex) {

		boolean test(String text) {
			boolean hit = (this.regex != null) ? this.regex.matcher(text).find() : this.values.contains(text);
			return hit != this.negated;
		}

	}

	/** A pattern without its predicates, and the predicates. */
	record Stripped(String pattern, List<Predicate> predicates) {
	}

	private TextPredicates() {
	}

	/**
	 * Takes the text predicates out of {@code pattern}.
	 * @throws IllegalArgumentException for a predicate or directive of another form
	 */
	static Stripped strip(String pattern, String where) {
		List<Predicate> predicates = new ArrayList<>();
		StringBuilder rest = new StringBuilder();
		Matcher matcher = PREDICATE.matcher(pattern);
		while (matcher.find()) {
			List<String> values = new ArrayList<>();
			Matcher string = STRING.matcher(matcher.group(4));
			while (string.find()) {
				values.add(string.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
			}
			String kind = matcher.group(2);
			if (kind.equals("eq") && values.size() != 1 || kind.equals("match") && values.size() != 1) {
				throw new IllegalArgumentException(where + ": #" + kind + "? takes one capture and one string");
			}
			Pattern regex = kind.equals("match") ? Pattern.compile(values.get(0)) : null;
			predicates.add(new Predicate(matcher.group(3), matcher.group(1) != null, List.copyOf(values), regex));
			matcher.appendReplacement(rest, "");
		}
		matcher.appendTail(rest);
		String stripped = rest.toString();
		if (stripped.contains("(#")) {
			throw new IllegalArgumentException(where + ": only #eq?, #any-of? and #match? (and their not- forms) on one"
					+ " capture with string arguments are supported, in '" + pattern + "'");
		}
		return new Stripped(stripped, List.copyOf(predicates));
	}

}
