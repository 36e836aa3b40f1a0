package dev.chunker.chunk;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Doc comments and doc strings: which part of the comments directly above a definition is its doc comment, and the
 * doc's text without its markers. The text is cleaned by its own form, so it is read back the same way from a
 * stored span whatever the language: a block comment ({@code /** ... *}{@code /}), a run of line comments
 * ({@code ///}, {@code //}, {@code #}) or a string literal (Python's doc strings, cleaned as {@code inspect.cleandoc}
 * does).
 */
public final class DocComments {

	private DocComments() {
	}

	/**
	 * The doc comment among the comments in {@code [from, to)} directly above a definition: the last block comment
	 * that starts with a doc prefix, or the last run of consecutive line comments that do, if that run is closer.
	 * @return {@code {start, end}} in bytes, or {@code null} when none of the comments is a doc comment
	 */
	static int @Nullable [] inComments(SourceText source, int from, int to, List<String> prefixes) {
		int[] found = null;
		int runStart = -1;
		int runEnd = -1;
		int i = from;
		while (i < to) {
			byte b = source.byteAt(i);
			if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
				i++;
				continue;
			}
			int end;
			boolean block = startsWith(source, i, to, "/*");
			if (block) {
				end = indexOf(source, i + 2, to, "*/");
				end = (end < 0) ? to : end + 2;
			}
			else {
				end = i;
				while (end < to && source.byteAt(end) != '\n') {
					end++;
				}
			}
			boolean doc = false;
			for (String prefix : prefixes) {
				doc |= startsWith(source, i, to, prefix) && !(block && end - i <= 4);
			}
			if (doc && block) {
				found = new int[] { i, end };
				runStart = -1;
			}
			else if (doc) {
				runStart = (runStart >= 0 && runEnd >= 0 && onlyLineBreak(source, runEnd, i)) ? runStart : i;
				runEnd = trimEnd(source, i, end);
				found = new int[] { runStart, runEnd };
			}
			else {
				runStart = -1;
			}
			i = end;
		}
		return found;
	}

	private static boolean onlyLineBreak(SourceText source, int from, int to) {
		int breaks = 0;
		for (int i = from; i < to; i++) {
			byte b = source.byteAt(i);
			if (b == '\n') {
				breaks++;
			}
			else if (b != ' ' && b != '\t' && b != '\r') {
				return false;
			}
		}
		return breaks == 1;
	}

	private static int trimEnd(SourceText source, int from, int end) {
		while (end > from && (source.byteAt(end - 1) == '\r' || source.byteAt(end - 1) == ' '
				|| source.byteAt(end - 1) == '\t')) {
			end--;
		}
		return end;
	}

	private static boolean startsWith(SourceText source, int at, int limit, String prefix) {
		if (at + prefix.length() > limit) {
			return false;
		}
		for (int k = 0; k < prefix.length(); k++) {
			if (source.byteAt(at + k) != prefix.charAt(k)) {
				return false;
			}
		}
		return true;
	}

	private static int indexOf(SourceText source, int from, int limit, String needle) {
		for (int i = from; i + needle.length() <= limit; i++) {
			if (startsWith(source, i, limit, needle)) {
				return i;
			}
		}
		return -1;
	}

	/** The text of a doc comment or doc string as written, without its markers and common indentation. */
	public static String clean(String raw) {
		String text = raw.strip();
		if (text.startsWith("/*")) {
			return block(text);
		}
		if (text.startsWith("//") || text.startsWith("#")) {
			return lines(text);
		}
		return DocStrings.clean(text);
	}

	/** A block comment: the opening and closing markers, and each line's leading white space and stars, go. */
	private static String block(String text) {
		String inner = text.substring(2);
		while (inner.startsWith("*")) {
			inner = inner.substring(1);
		}
		if (inner.endsWith("*/")) {
			inner = inner.substring(0, inner.length() - 2);
		}
		List<String> out = new ArrayList<>();
		for (String line : inner.split("\r?\n", -1)) {
			String stripped = line.stripLeading();
			if (stripped.startsWith("*")) {
				int k = 0;
				while (k < stripped.length() && stripped.charAt(k) == '*') {
					k++;
				}
				stripped = stripped.substring(k);
				line = stripped.startsWith(" ") ? stripped.substring(1) : stripped;
			}
			out.add(out.isEmpty() ? line.strip() : line.stripTrailing());
		}
		return trimBlankLines(out);
	}

	/** A run of line comments: each line's marker ({@code ///}, {@code //!}, {@code //}, {@code #}) and one space go. */
	private static String lines(String text) {
		List<String> out = new ArrayList<>();
		for (String line : text.split("\r?\n", -1)) {
			String stripped = line.strip();
			int k = 0;
			while (k < stripped.length() && (stripped.charAt(k) == '/' || stripped.charAt(k) == '#')) {
				k++;
			}
			if (k < stripped.length() && stripped.charAt(k) == '!' && k > 0) {
				k++;
			}
			stripped = stripped.substring(k);
			out.add(stripped.startsWith(" ") ? stripped.substring(1) : stripped);
		}
		return trimBlankLines(out);
	}

	static String trimBlankLines(List<String> lines) {
		int first = 0;
		int last = lines.size();
		while (first < last && lines.get(first).isBlank()) {
			first++;
		}
		while (last > first && lines.get(last - 1).isBlank()) {
			last--;
		}
		return String.join("\n", lines.subList(first, last));
	}

}
