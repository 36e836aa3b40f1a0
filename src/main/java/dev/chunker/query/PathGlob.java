package dev.chunker.query;

/**
 * A glob over repository-relative paths, translated to a regular expression that means the same in Java (H2's
 * {@code REGEXP_LIKE}) and in PostgreSQL's {@code ~}.
 * <ul>
 * <li>{@code *} any characters but {@code /}; {@code ?} one character but {@code /};</li>
 * <li>{@code **} any characters, {@code /} included; {@code **}{@code /} zero or more whole directories;</li>
 * <li>{@code [abc]}, {@code [a-z]}, {@code [!abc]} one character of (not of) a set; {@code {py,pyi}} alternatives;</li>
 * <li>a glob without {@code /} is matched against the file name at any depth ({@code *.py}); one with {@code /}
 * against the whole path ({@code src/**}{@code /*.java}); a leading {@code /} is ignored.</li>
 * </ul>
 * @param glob the glob as given
 * @param regex the anchored regular expression
 * @param literalPrefix the path prefix every match starts with (may be empty), for an index-friendly LIKE
 */
public record PathGlob(String glob, String regex, String literalPrefix) {

	private static final int MAX_LENGTH = 1000;

	/**
	 * Wildcards ({@code *} or {@code **}) a glob may hold. H2 matches the regular expression by backtracking: k
	 * wildcards before a literal that a path holds n times cost about n^k steps per path, so a bound on k keeps every
	 * glob's cost per row small (four on a path holding the literal 120 times: a tenth of a second).
	 */
	static final int MAX_WILDCARDS = 4;

	/** Parses a glob; a bad one is an {@link InvalidParameterException} of {@code parameter}. */
	public static PathGlob parse(String parameter, String glob) {
		if (glob.isEmpty()) {
			throw new InvalidParameterException(parameter, "must not be empty");
		}
		if (glob.length() > MAX_LENGTH) {
			throw new InvalidParameterException(parameter, "is longer than " + MAX_LENGTH + " characters");
		}
		String body = glob.startsWith("/") ? glob.substring(1) : glob;
		if (body.isEmpty()) {
			throw new InvalidParameterException(parameter, "'" + glob + "' matches no file");
		}
		if (wildcards(body) > MAX_WILDCARDS) {
			throw new InvalidParameterException(parameter, "'" + QueryParams.shorten(glob) + "' has more than "
					+ MAX_WILDCARDS + " wildcards ('*' or '**')");
		}
		boolean anywhere = !body.contains("/");
		StringBuilder regex = new StringBuilder("^");
		if (anywhere) {
			regex.append("(.*/)?");
		}
		translate(parameter, glob, body, 0, body.length(), false, regex);
		regex.append('$');
		return new PathGlob(glob, regex.toString(), anywhere ? "" : literalPrefix(body));
	}

	/** Appends the regex of {@code glob[from, to)}; inside braces a comma separates alternatives. */
	private static void translate(String parameter, String original, String glob, int from, int to, boolean inBraces,
			StringBuilder out) {
		int i = from;
		while (i < to) {
			char c = glob.charAt(i);
			switch (c) {
				case '*' -> {
					if (i + 1 < to && glob.charAt(i + 1) == '*') {
						boolean wholeDirectories = (i == 0 || glob.charAt(i - 1) == '/') && i + 2 < to && glob.charAt(i + 2) == '/';
						if (wholeDirectories) {
							out.append("(.*/)?");
							i += 3;
						}
						else {
							out.append(".*");
							i += 2;
							while (i < to && glob.charAt(i) == '*') {
								i++;
							}
						}
						continue;
					}
					out.append("[^/]*");
				}
				case '?' -> out.append("[^/]");
				case '[' -> {
					int close = glob.indexOf(']', i + 2);
					if (close < 0 || close >= to) {
						throw new InvalidParameterException(parameter, "'" + original + "' has a '[' without its ']'");
					}
					out.append('[');
					int j = i + 1;
					if (glob.charAt(j) == '!' || glob.charAt(j) == '^') {
						out.append('^');
						j++;
					}
					for (; j < close; j++) {
						char k = glob.charAt(j);
						if (k == '/') {
							throw new InvalidParameterException(parameter, "'" + original + "' has a '/' inside [...]");
						}
						if (k == '\\' || k == '[' || k == ']' || k == '^') {
							out.append('\\');
						}
						out.append(k);
					}
					out.append(']');
					i = close;
				}
				case '{' -> {
					if (inBraces) {
						throw new InvalidParameterException(parameter, "'" + original + "' nests '{'");
					}
					int close = glob.indexOf('}', i);
					if (close < 0 || close >= to) {
						throw new InvalidParameterException(parameter, "'" + original + "' has a '{' without its '}'");
					}
					out.append('(');
					int start = i + 1;
					for (int j = start; j <= close; j++) {
						if (j == close || glob.charAt(j) == ',') {
							if (start > i + 1) {
								out.append('|');
							}
							translate(parameter, original, glob, start, j, true, out);
							start = j + 1;
						}
					}
					out.append(')');
					i = close;
				}
				case '}', ']' -> throw new InvalidParameterException(parameter, "'" + original + "' has a '" + c + "' without its opening");
				case '\\' -> throw new InvalidParameterException(parameter, "'" + original + "' has a '\\' (paths use '/')");
				default -> {
					if (!Character.isLetterOrDigit(c) && c != '/' && c != '_' && c < 0x80) {
						out.append('\\');
					}
					out.append(c);
				}
			}
			i++;
		}
	}

	/** The runs of {@code *} outside {@code [...]}. */
	private static int wildcards(String glob) {
		int count = 0;
		for (int i = 0; i < glob.length(); i++) {
			char c = glob.charAt(i);
			if (c == '[') {
				int close = glob.indexOf(']', i + 2);
				if (close < 0) {
					break;
				}
				i = close;
			}
			else if (c == '*') {
				count++;
				while (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
					i++;
				}
			}
		}
		return count;
	}

	private static String literalPrefix(String glob) {
		int i = 0;
		while (i < glob.length() && "*?[{".indexOf(glob.charAt(i)) < 0) {
			i++;
		}
		return glob.substring(0, i);
	}

}
