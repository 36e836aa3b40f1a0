package dev.chunker.chunk;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's doc strings as {@code ast.get_docstring} gives them: the literal's prefix and quotes removed, the escapes
 * of a string that is not raw resolved, and the lines cleaned as {@code inspect.cleandoc} does.
 */
final class DocStrings {

	private DocStrings() {
	}

	/**
	 * A string literal (or several, implicitly concatenated): prefix letters and quotes go, the usual escapes are
	 * resolved in strings that are not raw, and the lines are cleaned as {@code inspect.cleandoc} does.
	 */
	static String clean(String text) {
		StringBuilder value = new StringBuilder();
		int i = 0;
		while (i < text.length()) {
			while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
				i++;
			}
			int prefixStart = i;
			while (i < text.length() && Character.isLetter(text.charAt(i))) {
				i++;
			}
			boolean raw = text.substring(prefixStart, i).toLowerCase(java.util.Locale.ROOT).contains("r");
			if (i >= text.length()) {
				break;
			}
			char quote = text.charAt(i);
			if (quote != '"' && quote != '\'') {
				return text;
			}
			String delimiter = text.startsWith(String.valueOf(quote).repeat(3), i) ? String.valueOf(quote).repeat(3)
					: String.valueOf(quote);
			int bodyStart = i + delimiter.length();
			int bodyEnd = closing(text, bodyStart, delimiter);
			String body = text.substring(bodyStart, bodyEnd);
			value.append(raw ? body : unescape(body));
			i = Math.min(text.length(), bodyEnd + delimiter.length());
		}
		return cleandoc(value.toString());
	}

	private static int closing(String text, int from, String delimiter) {
		int i = from;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == '\\') {
				i += 2;
				continue;
			}
			if (text.startsWith(delimiter, i)) {
				return i;
			}
			i++;
		}
		return text.length();
	}

	private static String unescape(String body) {
		if (body.indexOf('\\') < 0) {
			return body;
		}
		StringBuilder out = new StringBuilder(body.length());
		for (int i = 0; i < body.length(); i++) {
			char c = body.charAt(i);
			if (c != '\\' || i + 1 >= body.length()) {
				out.append(c);
				continue;
			}
			char next = body.charAt(++i);
			switch (next) {
				case '\n' -> {
					// a line continuation
				}
				case '\\', '\'', '"' -> out.append(next);
				case 'n' -> out.append('\n');
				case 't' -> out.append('\t');
				case 'r' -> out.append('\r');
				case 'a' -> out.append('\u0007');
				case 'b' -> out.append('\b');
				case 'f' -> out.append('\f');
				case 'v' -> out.append('\u000B');
				case 'x' -> i = codePoint(body, i, 2, 16, out);
				case 'u' -> i = codePoint(body, i, 4, 16, out);
				case 'U' -> i = codePoint(body, i, 8, 16, out);
				case 'N' -> i = named(body, i, out);
				default -> {
					if (next >= '0' && next <= '7') {
						i = codePoint(body, i - 1, 3, 8, out);
					}
					else {
						out.append('\\').append(next);
					}
				}
			}
		}
		return out.toString();
	}

	/**
	 * The escape of a code point by up to {@code digits} digits after {@code at} (the escape's letter, or the
	 * character before an octal escape's first digit); an invalid one stays as written.
	 * @return the index of the escape's last character
	 */
	private static int codePoint(String body, int at, int digits, int radix, StringBuilder out) {
		int end = at + 1;
		while (end < body.length() && end < at + 1 + digits && Character.digit(body.charAt(end), radix) >= 0) {
			end++;
		}
		boolean octal = radix == 8;
		if (end == at + 1 || (!octal && end != at + 1 + digits)) {
			out.append('\\').append(body.charAt(at));
			return at;
		}
		int value = Integer.parseInt(body.substring(at + 1, end), radix);
		if (!Character.isValidCodePoint(value)) {
			out.append(body, at - 1, end);
		}
		else {
			out.appendCodePoint(value);
		}
		return end - 1;
	}

	/** A {@code \N{NAME}} escape; an unknown name stays as written. */
	private static int named(String body, int at, StringBuilder out) {
		int close = body.indexOf('}', at);
		if (at + 1 >= body.length() || body.charAt(at + 1) != '{' || close < 0) {
			out.append("\\N");
			return at;
		}
		try {
			out.appendCodePoint(Character.codePointOf(body.substring(at + 2, close)));
		}
		catch (IllegalArgumentException ex) {
			out.append(body, at - 1, close + 1);
		}
		return close;
	}

	/**
	 * {@code inspect.cleandoc}: tabs expanded, the first line's leading white space removed, the common indentation
	 * of the other lines removed, and blank lines at the start and end dropped.
	 */
	static String cleandoc(String doc) {
		String[] lines = doc.replace("\t", "        ").split("\r?\n|\r", -1);
		int margin = Integer.MAX_VALUE;
		for (int i = 1; i < lines.length; i++) {
			String content = lines[i].stripLeading();
			if (!content.isEmpty()) {
				margin = Math.min(margin, lines[i].length() - content.length());
			}
		}
		List<String> out = new ArrayList<>();
		out.add(lines[0].stripLeading());
		for (int i = 1; i < lines.length; i++) {
			out.add((margin != Integer.MAX_VALUE && lines[i].length() >= margin) ? lines[i].substring(margin)
					: lines[i].stripLeading());
		}
		List<String> trimmed = new ArrayList<>();
		for (String line : out) {
			trimmed.add(line.stripTrailing());
		}
		return DocComments.trimBlankLines(trimmed);
	}

}
