package dev.chunker.chunk;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What a ctags tag of the added languages means: names ctags 5.9 reads wrongly, corrected from the tag's line, and
 * tags that are no definitions the chunker makes by design, each with the reason the report counts it under.
 */
final class TagReadings {

	/** {@code method private f}, {@code method! virtual f}: ctags 5.9 names such a method after the keyword. */
	private static final Pattern OCAML_METHOD = Pattern.compile("\\bmethod!?\\s+(?:(?:private|virtual)\\s+)*(\\w+)");

	/** {@code type nonrec t}: ctags 5.9 names such a type "nonrec". */
	private static final Pattern OCAML_NONREC = Pattern.compile("\\btype\\s+nonrec\\s+(?:'\\w+\\s+|\\([^)]*\\)\\s*)?(\\w+)");

	/** Words ctags 5.9's Haskell parser reports as function names when a declaration spans lines. */
	private static final Set<String> HASKELL_KEYWORDS = Set.of("class", "where", "instance", "data", "type",
			"newtype", "infix", "infixl", "infixr", "default", "deriving", "import", "module", "let", "in", "do",
			"of", "case", "if", "then", "else", "foreign", "primitive");

	/** A Haskell type signature for several names: {@code readChar, peekChar :: Interact -> ...}. */
	private static final Pattern SIGNATURE_OF_SEVERAL = Pattern.compile("^\\s*[\\w']+(\\s*,\\s*[\\w']+)+\\s*::");

	/** Hugs' {@code primitive} declarations, which are not Haskell (no Haskell parser reads them). */
	private static final Pattern HUGS_PRIMITIVE = Pattern.compile("(?m)^primitive\\s");

	private TagReadings() {
	}

	/** Why a whole corpus file is left out, or null. */
	static @Nullable String skippedFile(String language, String file, String text) {
		if (language.equals("haskell") && HUGS_PRIMITIVE.matcher(text).find()) {
			return "Hugs dialect (primitive declarations)";
		}
		if (language.equals("ocaml") && file.startsWith("testsuite/")) {
			return "compiler test suite (deliberately exotic or erroneous syntax)";
		}
		return null;
	}

	/**
	 * Whether the tag is on a Haskell signature that names several functions: ctags places each of them there,
	 * while the signature joins no equation, so each chunk starts at its own first equation below.
	 */
	static boolean onSignatureOfSeveral(String language, CtagsMatcher.Tag tag, String[] lines) {
		return language.equals("haskell") && SIGNATURE_OF_SEVERAL.matcher(line(lines, tag.line())).find();
	}

	static CtagsMatcher.Tag corrected(String language, CtagsMatcher.Tag tag, String[] lines) {
		// ctags names an Objective-C method by its whole selector ("initWithName:age:"), a chunk by its first part
		if (language.equals("objc") && (tag.kind().equals("method") || tag.kind().equals("class"))
				&& tag.name().indexOf(':') > 0) {
			return new CtagsMatcher.Tag(tag.name().substring(0, tag.name().indexOf(':')), tag.kind(), tag.line(),
					tag.end(), tag.scope());
		}
		// ctags 5.9 names an Elm type or alias with its type parameters ("Nonempty a")
		if (language.equals("elm") && (tag.kind().equals("type") || tag.kind().equals("alias"))
				&& tag.name().indexOf(' ') > 0) {
			return new CtagsMatcher.Tag(tag.name().substring(0, tag.name().indexOf(' ')), tag.kind(), tag.line(),
					tag.end(), tag.scope());
		}
		if (language.equals("ocaml") && tag.kind().equals("method")
				&& (tag.name().equals("private") || tag.name().equals("virtual"))) {
			Matcher matcher = OCAML_METHOD.matcher(line(lines, tag.line()));
			if (matcher.find()) {
				return new CtagsMatcher.Tag(matcher.group(1), tag.kind(), tag.line(), tag.end(), tag.scope());
			}
		}
		if (language.equals("ocaml") && tag.kind().equals("type") && tag.name().equals("nonrec")) {
			Matcher matcher = OCAML_NONREC.matcher(line(lines, tag.line()));
			if (matcher.find()) {
				return new CtagsMatcher.Tag(matcher.group(1), tag.kind(), tag.line(), tag.end(), tag.scope());
			}
		}
		return tag;
	}

	/** Why the tag is not compared, or null when it is a definition that should be a chunk. */
	static @Nullable String notADefinition(String language, CtagsMatcher.Tag tag, String file, String[] lines,
			List<CodeChunk> chunks) {
		if (tag.name().startsWith("anonFunc")) {
			return "anonymous function passed as an argument";
		}
		if (language.equals("haskell") && HASKELL_KEYWORDS.contains(tag.name())) {
			return "ctags names a keyword (a declaration over several lines misread)";
		}
		if ((language.equals("elm") || language.equals("haskell")) && insideBlockComment(lines, tag.line())) {
			return "inside a {- -} comment (example code in documentation)";
		}
		if (language.equals("elm") && insideTripleQuotedString(lines, tag.line())) {
			return "inside a triple-quoted string (Elm source as test data)";
		}
		if (language.equals("ocaml") && tag.kind().equals("module") && tag.line() == 1) {
			return "the file's own module";
		}
		if (!language.equals("css") && !language.equals("make") && local(tag, lines, chunks)) {
			return "local binding inside another definition's body (an expression)";
		}
		return null;
	}

	/**
	 * Whether the tag sits in the body of a chunk of another name, indented deeper than that chunk's definition
	 * line: a {@code let ... in} or a local variable, which the chunker leaves in its enclosing definition. A
	 * definition swallowed by the chunk above it would sit at that chunk's own indentation and stays a miss.
	 */
	private static boolean local(CtagsMatcher.Tag tag, String[] lines, List<CodeChunk> chunks) {
		CodeChunk innermost = null;
		for (CodeChunk chunk : chunks) {
			if (chunk.startLine() < tag.line() && tag.line() <= chunk.endLine()
					&& (innermost == null || chunk.startLine() >= innermost.startLine())) {
				innermost = chunk;
			}
		}
		if (innermost == null || innermost.name() == null || innermost.name().equals(tag.name())) {
			return false;
		}
		int header = definitionLine(lines, innermost);
		return header < tag.line() && indent(line(lines, tag.line())) > indent(line(lines, header));
	}

	/** Whether 1-based {@code line} starts inside a {@code """} string (an odd number of them opened before). */
	static boolean insideTripleQuotedString(String[] lines, int line) {
		int quotes = 0;
		for (int i = 0; i < line - 1 && i < lines.length; i++) {
			int at = lines[i].indexOf("\"\"\"");
			while (at >= 0) {
				quotes++;
				at = lines[i].indexOf("\"\"\"", at + 3);
			}
		}
		return quotes % 2 == 1;
	}

	/**
	 * Whether a CSS rule set or a Make rule with several selectors or targets covers the tag: the chunk is named
	 * by the whole selector list (or has no name when that list spans lines, since names with line breaks are
	 * dropped) or by the first target, and the tag's line lies in its header.
	 */
	static boolean sharedHeader(String language, CtagsMatcher.Tag tag, CodeChunk chunk, String[] lines) {
		if (!language.equals("css") && !language.equals("make")) {
			return false;
		}
		int first = definitionLine(lines, chunk);
		if (first > tag.line() || !line(lines, tag.line()).contains(tag.name().strip())) {
			return false;
		}
		if (language.equals("make")) {
			return first == tag.line();
		}
		// CSS: every line from the first to the tag's one before it is still the selector list (no "{" yet)
		for (int l = first; l < tag.line(); l++) {
			if (line(lines, l).contains("{")) {
				return false;
			}
		}
		return true;
	}

	/** Whether 1-based {@code line} starts inside a (nested) {@code {- -}} comment. */
	static boolean insideBlockComment(String[] lines, int line) {
		int depth = 0;
		for (int i = 0; i < line - 1 && i < lines.length; i++) {
			String text = lines[i];
			for (int k = 0; k + 1 < text.length(); k++) {
				if (text.charAt(k) == '{' && text.charAt(k + 1) == '-') {
					depth++;
					k++;
				}
				else if (depth > 0 && text.charAt(k) == '-' && text.charAt(k + 1) == '}') {
					depth--;
					k++;
				}
				else if (depth == 0 && text.charAt(k) == '-' && text.charAt(k + 1) == '-') {
					break; // a line comment: the rest of the line does not count
				}
			}
		}
		return depth > 0;
	}

	/** The chunk's first line that is not blank and not a comment (its comments are part of it). */
	private static int definitionLine(String[] lines, CodeChunk chunk) {
		for (int line = chunk.startLine(); line <= chunk.endLine(); line++) {
			String text = line(lines, line).strip();
			if (!text.isEmpty() && !text.startsWith("--") && !text.startsWith("(*") && !text.startsWith("#")
					&& !text.startsWith("{-") && !text.startsWith("*") && !text.startsWith("|")) {
				return line;
			}
		}
		return chunk.startLine();
	}

	private static int indent(String text) {
		int i = 0;
		while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
			i++;
		}
		return i;
	}

	private static String line(String[] lines, int line) {
		return (line >= 1 && line <= lines.length) ? lines[line - 1] : "";
	}

}
