package dev.chunker.chunk;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The end line of a definition found by brace matching, for the languages whose ctags parser records no
 * {@code end:} field (Rust in every Universal Ctags release; JavaScript and TypeScript in Debian's 5.9). It starts
 * at the tag's name on the tag's line, reads the header up to the first {@code {} or {@code ;} outside
 * parentheses, brackets and generic angle brackets, and follows braces to the matching one, skipping comments,
 * strings, template literals, regular expression literals (JavaScript, TypeScript), char literals, lifetimes and
 * raw strings (Rust). It knows nothing of tree-sitter, so it can serve as the second half of an oracle.
 */
final class LexicalEnd {

	/** The result of a scan. */
	enum Shape {
		/** A braced body: {@link Result#endLine()} is the line of its closing brace. */
		BODY,
		/** A declaration ended by a semicolon before any body: the line of that semicolon. */
		DECLARATION,
		/** JavaScript, TypeScript: the first brace opens an object literal (after "=", ":", "(", "," or return). */
		OBJECT_LITERAL,
		/** No end could be determined (name not on the line, arrow with expression body, unbalanced text). */
		UNKNOWN
	}

	record Result(Shape shape, int endLine) {
		static final Result UNKNOWN = new Result(Shape.UNKNOWN, -1);
	}

	private static final int NAME_SEARCH_LINES = 6;

	private final String text;

	/** The languages scanned. */
	enum Dialect {
		RUST, JAVASCRIPT, TYPESCRIPT
	}

	private final boolean rust;

	private final boolean typescript;

	private final int[] lineStarts;

	LexicalEnd(String text, Dialect dialect) {
		this.text = text;
		this.rust = dialect == Dialect.RUST;
		this.typescript = dialect == Dialect.TYPESCRIPT;
		int count = 1;
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == '\n') {
				count++;
			}
		}
		this.lineStarts = new int[count];
		int line = 1;
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == '\n') {
				this.lineStarts[line++] = i + 1;
			}
		}
	}

	/**
	 * Scans the definition named {@code name} whose tag is on 1-based {@code line}. The name is looked for on that
	 * line and the few after it (ctags puts an {@code impl}'s line on its first token, the type may follow later);
	 * the text before the name on the tag's line only sets the bracket depth.
	 */
	Result scan(int line, String name) {
		if (line < 1 || line > this.lineStarts.length) {
			return Result.UNKNOWN;
		}
		int lineStart = this.lineStarts[line - 1];
		int last = Math.min(this.lineStarts.length, line + NAME_SEARCH_LINES);
		int windowEnd = (last < this.lineStarts.length) ? this.lineStarts[last] : this.text.length();
		int at = findWord(name, lineStart, windowEnd);
		if (at < 0) {
			return Result.UNKNOWN;
		}
		return header(lineStart, at + name.length());
	}

	private int findWord(String name, int from, int to) {
		int at = this.text.indexOf(name, from);
		while (at >= 0 && at + name.length() <= to) {
			boolean before = at == 0 || !isIdentifierPart(this.text.charAt(at - 1));
			int after = at + name.length();
			boolean afterOk = after >= this.text.length() || !isIdentifierPart(this.text.charAt(after));
			if (before && afterOk) {
				return at;
			}
			at = this.text.indexOf(name, at + 1);
		}
		return -1;
	}

	/**
	 * Reads the header from {@code from} up to the body's opening brace or a terminating semicolon. Before
	 * {@code nameEnd} (the text of the tag's line ahead of the name) only brackets are counted.
	 */
	private Result header(int from, int nameEnd) {
		int depth = 0;
		int angle = 0;
		char lastSignificant = ' ';
		boolean initializer = false;
		int i = from;
		int n = this.text.length();
		while (i < n) {
			char c = this.text.charAt(i);
			boolean prefix = i < nameEnd;
			int skipped = skipTrivia(i, ' ');
			if (skipped < 0) {
				return Result.UNKNOWN;
			}
			if (skipped != i) {
				i = skipped;
				continue;
			}
			switch (c) {
				case '(', '[' -> depth++;
				case ')', ']' -> depth--;
				case '<' -> angle++;
				case '=' -> {
					char prev = (i > 0) ? this.text.charAt(i - 1) : ' ';
					char following = next(i);
					if (!prefix && depth == 0 && following != '=' && following != '>' && "=!<>".indexOf(prev) < 0) {
						initializer = true;
					}
				}
				case '>' -> {
					char prev = (i > 0) ? this.text.charAt(i - 1) : ' ';
					if (prev == '=' || prev == '-') {
						// "=>" and "->" are arrows, not angle brackets.
						// In TypeScript an arrow before any initializer belongs to a function type.
						if (prev == '=' && depth == 0 && !this.rust && !prefix && (!this.typescript || initializer)) {
							int next = skipSpace(i + 1);
							if (next >= n || this.text.charAt(next) != '{') {
								return Result.UNKNOWN; // arrow function with an expression body
							}
						}
					}
					else if (angle > 0) {
						angle--;
					}
				}
				case '{' -> {
					// In TypeScript a brace after ':', '|', '&' or "is" opens an object type, not the body.
					boolean typeLiteral = this.typescript
							&& (":|&".indexOf(lastSignificant) >= 0 || endsWithWord(i, "is"));
					int close = matchBrace(i);
					if (close < 0) {
						return Result.UNKNOWN;
					}
					if (!prefix && depth == 0 && angle == 0 && !typeLiteral) {
						boolean objectLiteral = !this.rust && (("=(,".indexOf(lastSignificant) >= 0)
								|| (lastSignificant == ':' && !this.typescript) || endsWithWord(i, "return"));
						return new Result(objectLiteral ? Shape.OBJECT_LITERAL : Shape.BODY, lineOf(close));
					}
					i = close + 1;
					lastSignificant = '}';
					continue;
				}
				case ';' -> {
					if (prefix) {
						depth = 0;
						angle = 0;
					}
					else if (depth == 0) {
						return new Result(Shape.DECLARATION, lineOf(i));
					}
				}
				case '}' -> {
					if (!prefix) {
						return Result.UNKNOWN; // left the enclosing block without finding a body
					}
					depth = 0;
					angle = 0;
				}
				default -> {
					// part of the header
				}
			}
			if (depth < 0 || angle < 0) {
				if (!prefix) {
					return Result.UNKNOWN;
				}
				depth = Math.max(depth, 0);
				angle = Math.max(angle, 0);
			}
			if (!Character.isWhitespace(c)) {
				lastSignificant = c;
			}
			i++;
		}
		return Result.UNKNOWN;
	}

	/** Offset of the brace closing the one at {@code open}, or -1. */
	private int matchBrace(int open) {
		// Each entry is the brace depth at which a template literal's "${" was opened; -1 marks plain code.
		Deque<Integer> templates = new ArrayDeque<>();
		int depth = 0;
		int i = open;
		int n = this.text.length();
		char lastSignificant = '{';
		String lastWord = "";
		while (i < n) {
			char c = this.text.charAt(i);
			int skipped = skipTrivia(i, lastSignificant, lastWord);
			if (skipped < 0) {
				return -1;
			}
			if (skipped != i) {
				if (c == '`') {
					// A template literal: skipTrivia stopped at a "${" or after the closing backtick.
					if (skipped > 1 && this.text.startsWith("${", skipped - 2)) {
						templates.push(depth);
						depth++;
					}
					lastSignificant = '`';
				}
				else if (c == '"' || c == '\'' || c == '/' && next(i) != '/' && next(i) != '*') {
					lastSignificant = 'a'; // a string or regular expression is an operand; a comment changes nothing
				}
				i = skipped;
				lastWord = "";
				continue;
			}
			if (isIdentifierStart(c)) {
				int end = i;
				while (end < n && isIdentifierPart(this.text.charAt(end))) {
					end++;
				}
				lastWord = this.text.substring(i, end);
				lastSignificant = 'a';
				i = end;
				continue;
			}
			if (c == '{') {
				depth++;
			}
			else if (c == '}') {
				depth--;
				if (!templates.isEmpty() && templates.peek() == depth) {
					templates.pop();
					int after = skipTemplate(i + 1);
					if (after < 0) {
						return -1;
					}
					if (this.text.startsWith("${", after - 2) && after - 2 > i) {
						templates.push(depth);
						depth++;
					}
					i = after;
					lastSignificant = '`';
					lastWord = "";
					continue;
				}
				if (depth == 0) {
					return i;
				}
			}
			if (!Character.isWhitespace(c)) {
				lastSignificant = c;
				lastWord = "";
			}
			i++;
		}
		return -1;
	}

	private int skipTrivia(int i, char lastSignificant) {
		return skipTrivia(i, lastSignificant, "");
	}

	/**
	 * Skips a comment, string, char literal, raw string, template literal head or regular expression starting at
	 * {@code i}; returns {@code i} when none starts there and -1 when one is unterminated.
	 */
	private int skipTrivia(int i, char lastSignificant, String lastWord) {
		int n = this.text.length();
		char c = this.text.charAt(i);
		char next = (i + 1 < n) ? this.text.charAt(i + 1) : '\0';
		if (c == '/' && next == '/') {
			int end = this.text.indexOf('\n', i);
			return (end < 0) ? n : end;
		}
		if (c == '/' && next == '*') {
			return skipBlockComment(i);
		}
		if (c == '"') {
			return skipQuoted(i, '"', this.rust);
		}
		if (this.rust) {
			if (c == '\'') {
				return skipCharOrLifetime(i);
			}
			if ((c == 'r' || c == 'b' && next == 'r') && (i == 0 || !isIdentifierPart(this.text.charAt(i - 1)))) {
				int j = (c == 'b') ? i + 2 : i + 1;
				int hashes = 0;
				while (j < n && this.text.charAt(j) == '#') {
					hashes++;
					j++;
				}
				if (j < n && this.text.charAt(j) == '"' && (hashes > 0 || j == i + 1 || c == 'b')) {
					String close = "\"" + "#".repeat(hashes);
					int end = this.text.indexOf(close, j + 1);
					return (end < 0) ? -1 : end + close.length();
				}
			}
			if (c == 'b' && next == '\'' && (i == 0 || !isIdentifierPart(this.text.charAt(i - 1)))) {
				return skipCharOrLifetime(i + 1);
			}
			return i;
		}
		if (c == '\'') {
			return skipQuoted(i, '\'', false);
		}
		if (c == '`') {
			return skipTemplate(i + 1);
		}
		if (c == '/' && isRegexStart(lastSignificant, lastWord)) {
			return skipRegex(i);
		}
		return i;
	}

	private int skipBlockComment(int i) {
		int n = this.text.length();
		int level = 1;
		int j = i + 2;
		while (j < n && level > 0) {
			if (this.text.startsWith("*/", j)) {
				level--;
				j += 2;
			}
			else if (this.rust && this.text.startsWith("/*", j)) {
				level++;
				j += 2;
			}
			else {
				j++;
			}
		}
		return (level == 0) ? j : -1;
	}

	private int skipQuoted(int i, char quote, boolean multiline) {
		int n = this.text.length();
		int j = i + 1;
		while (j < n) {
			char c = this.text.charAt(j);
			if (c == '\\') {
				j += 2;
				continue;
			}
			if (c == quote) {
				return j + 1;
			}
			if (c == '\n' && !multiline) {
				return j; // unterminated on its line: treat the line break as its end
			}
			j++;
		}
		return -1;
	}

	/** Rust: {@code 'a'}, {@code '\n'}, {@code '\x41'} are char literals; {@code 'a} is a lifetime. */
	private int skipCharOrLifetime(int i) {
		int n = this.text.length();
		if (i + 1 < n && this.text.charAt(i + 1) == '\\') {
			int end = this.text.indexOf('\'', i + 3);
			return (end < 0) ? -1 : end + 1;
		}
		if (i + 1 < n) {
			int cp = this.text.codePointAt(i + 1);
			int after = i + 1 + Character.charCount(cp);
			if (after < n && this.text.charAt(after) == '\'') {
				return after + 1;
			}
		}
		return i + 1; // a lifetime or label: just the quote
	}

	/** Skips template text from {@code j} to after the closing backtick, or to just after a "${". */
	private int skipTemplate(int j) {
		int n = this.text.length();
		while (j < n) {
			char c = this.text.charAt(j);
			if (c == '\\') {
				j += 2;
				continue;
			}
			if (c == '`') {
				return j + 1;
			}
			if (c == '$' && j + 1 < n && this.text.charAt(j + 1) == '{') {
				return j + 2;
			}
			j++;
		}
		return -1;
	}

	private int skipRegex(int i) {
		int n = this.text.length();
		boolean inClass = false;
		int j = i + 1;
		while (j < n) {
			char c = this.text.charAt(j);
			if (c == '\\') {
				j += 2;
				continue;
			}
			if (c == '\n') {
				return i; // not a regular expression after all: treat the slash as division
			}
			if (c == '[') {
				inClass = true;
			}
			else if (c == ']') {
				inClass = false;
			}
			else if (c == '/' && !inClass) {
				return j + 1;
			}
			j++;
		}
		return i;
	}

	private static boolean isRegexStart(char lastSignificant, String lastWord) {
		if (!lastWord.isEmpty()) {
			return switch (lastWord) {
				case "return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "yield",
						"await", "instanceof" -> true;
				default -> false;
			};
		}
		return "(,=:[!&|?{};+-*%<>~^".indexOf(lastSignificant) >= 0;
	}

	/** Whether the code just before {@code i}, spaces skipped, is the word {@code word}. */
	private boolean endsWithWord(int i, String word) {
		int j = i - 1;
		while (j >= 0 && Character.isWhitespace(this.text.charAt(j))) {
			j--;
		}
		int start = j - word.length() + 1;
		return start >= 0 && this.text.startsWith(word, start)
				&& (start == 0 || !isIdentifierPart(this.text.charAt(start - 1)));
	}

	private char next(int i) {
		return (i + 1 < this.text.length()) ? this.text.charAt(i + 1) : '\0';
	}

	private int skipSpace(int i) {
		int n = this.text.length();
		while (i < n) {
			int skipped = (this.text.charAt(i) == '/') ? skipTrivia(i, 'a') : i;
			if (skipped > i) {
				i = skipped;
			}
			else if (Character.isWhitespace(this.text.charAt(i))) {
				i++;
			}
			else {
				break;
			}
		}
		return i;
	}

	private int lineOf(int offset) {
		int lo = 0;
		int hi = this.lineStarts.length - 1;
		while (lo < hi) {
			int mid = (lo + hi + 1) >>> 1;
			if (this.lineStarts[mid] <= offset) {
				lo = mid;
			}
			else {
				hi = mid - 1;
			}
		}
		return lo + 1;
	}

	private static boolean isIdentifierStart(char c) {
		return Character.isLetter(c) || c == '_' || c == '$';
	}

	private static boolean isIdentifierPart(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '$';
	}

}
