package dev.chunker.chunk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the oracle conformance tests share: a definition found by a reference parser, the matching of those
 * definitions against chunks, and the slice-back invariant of every chunk.
 */
final class OracleSupport {

	private OracleSupport() {
	}

	/**
	 * A definition found by a reference parser.
	 * @param file path relative to the corpus root
	 * @param kind the reference parser's kind of definition
	 * @param name the expected chunk name
	 * @param line the definition's line: no chunk for it may start after this line
	 * @param endLine the definition's last line
	 */
	record Definition(String file, String kind, String name, int line, int endLine) {

		@Override
		public String toString() {
			return this.file + ":" + this.line + "-" + this.endLine + " " + this.kind + " " + this.name;
		}

	}

	/** Chunks of one file indexed by end line. */
	static Map<Integer, List<CodeChunk>> byEndLine(List<CodeChunk> chunks) {
		Map<Integer, List<CodeChunk>> index = new HashMap<>();
		for (CodeChunk chunk : chunks) {
			index.computeIfAbsent(chunk.endLine(), (k) -> new ArrayList<>()).add(chunk);
		}
		return index;
	}

	/** Whether a chunk stands for the definition: same name and end line, starting no later than its line. */
	static boolean matched(Definition definition, Map<Integer, List<CodeChunk>> byEndLine) {
		for (CodeChunk chunk : byEndLine.getOrDefault(definition.endLine(), List.of())) {
			if (chunk.startLine() <= definition.line() && definition.name().equals(chunk.name())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The slice-back invariant: the content is the UTF-8 decoding of the file's bytes {@code [byteStart, byteEnd)}
	 * and the lines are those of the byte offsets.
	 * @return a description of each violation (empty when the chunk is consistent)
	 */
	static List<String> sliceBackViolations(byte[] bytes, int[] lineStarts, CodeChunk chunk) {
		List<String> problems = new ArrayList<>();
		String where = chunk.filePath() + " " + chunk.nodeType() + " " + chunk.name() + " [" + chunk.byteStart() + ","
				+ chunk.byteEnd() + ")";
		if (chunk.byteStart() < 0 || chunk.byteEnd() > bytes.length || chunk.byteStart() >= chunk.byteEnd()) {
			problems.add(where + ": byte range outside the file or empty (file has " + bytes.length + " bytes)");
			return problems;
		}
		String expected = new String(bytes, chunk.byteStart(), chunk.byteEnd() - chunk.byteStart(),
				StandardCharsets.UTF_8);
		if (!expected.equals(chunk.content())) {
			problems.add(where + ": content differs from the file's bytes");
		}
		int startLine = lineOf(lineStarts, chunk.byteStart());
		int endLine = lineOf(lineStarts, chunk.byteEnd() - 1);
		if (chunk.startLine() != startLine) {
			problems.add(where + ": start_line " + chunk.startLine() + " but the byte offset is on line " + startLine);
		}
		if (chunk.endLine() != endLine) {
			problems.add(where + ": end_line " + chunk.endLine() + " but the last byte is on line " + endLine);
		}
		return problems;
	}

	/**
	 * The byte offset where each line starts (line 1 at index 0), computed from the bytes alone: the tests' own line
	 * index, independent of the product's.
	 */
	static int[] lineStarts(byte[] bytes) {
		int count = 1;
		for (byte b : bytes) {
			if (b == '\n') {
				count++;
			}
		}
		int[] starts = new int[count];
		int line = 1;
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == '\n') {
				starts[line++] = i + 1;
			}
		}
		return starts;
	}

	/** 1-based line of a byte offset: the last line start at or before it. */
	static int lineOf(int[] lineStarts, int offset) {
		int index = Arrays.binarySearch(lineStarts, offset);
		return (index >= 0) ? index + 1 : -index - 1;
	}

	/**
	 * Why a definition has no chunk, as far as the chunks tell: the chunks of the same name that overlap it, or
	 * their absence.
	 */
	static String explain(Definition definition, List<CodeChunk> chunks) {
		List<String> near = new ArrayList<>();
		for (CodeChunk chunk : chunks) {
			if (definition.name().equals(chunk.name()) && chunk.startLine() <= definition.endLine()
					&& chunk.endLine() >= definition.line()) {
				near.add(chunk.nodeType() + " lines " + chunk.startLine() + "-" + chunk.endLine());
			}
		}
		return near.isEmpty() ? "no overlapping chunk of that name" : "nearest: " + String.join(", ", near);
	}

	/** A definition without a matching chunk, and what the chunks had instead. */
	record Miss(Definition definition, String cause) {

		@Override
		public String toString() {
			return this.definition + " (" + this.cause + ")";
		}

	}

	/** Recall in percent and a report listing the first misses. */
	static String report(String title, int files, List<Definition> all, List<Miss> misses, int listed) {
		int definitions = all.size();
		Map<String, Long> kinds = new TreeMap<>(all.stream().collect(Collectors.groupingBy(Definition::kind, Collectors.counting())));
		StringBuilder out = new StringBuilder();
		out.append(String.format(java.util.Locale.ROOT, "%s: %d files, %d definitions, %d matched, %d missed, recall %.3f %%%n",
				title, files, definitions, definitions - misses.size(), misses.size(), recall(definitions, misses.size())));
		out.append("  definitions by kind: ").append(kinds).append('\n');
		misses.stream().limit(listed).forEach((miss) -> out.append("  miss ").append(miss).append('\n'));
		if (misses.size() > listed) {
			out.append("  ... ").append(misses.size() - listed).append(" more\n");
		}
		return out.toString();
	}

	static double recall(int definitions, int misses) {
		return (definitions == 0) ? 0 : 100.0 * (definitions - misses) / definitions;
	}


	/**
	 * Starts a Python oracle script of the test resources ({@code /oracle/NAME}, copied into {@code temp}) on a
	 * corpus, with UTF-8 output and no byte-code files; the test is skipped when {@code python3} cannot be started.
	 * @param keepErrors whether standard error is piped (to be read by the caller) rather than discarded
	 */
	static Process startPythonOracle(String name, Path temp, Path corpus, boolean keepErrors)
			throws IOException {
		Path script = temp.resolve(name);
		try (InputStream in = OracleSupport.class.getResourceAsStream("/oracle/" + name)) {
			assertThat(in).as("oracle script resource " + name).isNotNull();
			Files.copy(in, script);
		}
		ProcessBuilder builder = new ProcessBuilder("python3", script.toString(), corpus.toString());
		builder.environment().put("PYTHONIOENCODING", "utf-8");
		builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
		if (!keepErrors) {
			builder.redirectError(ProcessBuilder.Redirect.DISCARD);
		}
		try {
			return builder.start();
		}
		catch (IOException ex) {
			assumeTrue(false, "python3 is not available: " + ex.getMessage());
			throw ex;
		}
	}

}
