package dev.chunker.chunk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import io.github.treesitter.jtreesitter.Tree;

/**
 * Turns one parsed file into chunks in three steps: collect the marked nodes ({@link CaptureCollector}: the native
 * walk, or the query for rules that need one), sort them into document order, and nest them into chunks
 * ({@link ChunkAssembler}, splitting large definitions with {@link PartSplitter}). No Java node is kept per tree
 * node and no parent is looked up.
 */
public final class ChunkExtractor {

	private ChunkExtractor() {
	}

	/**
	 * Extracts the chunks of a parsed file.
	 * @param tree the parsed tree (not closed here)
	 * @param source the file's bytes
	 * @param language the compiled rules
	 * @param filePath the repository-relative path
	 * @param deadline after which extraction is abandoned
	 * @return the chunks in document order
	 * @throws ChunkingException with reason {@code TIMEOUT} when the deadline passes
	 */
	public static List<CodeChunk> extract(Tree tree, SourceText source, CompiledLanguage language, String filePath,
			Deadline deadline) {
		return extract(tree, source, language, filePath, deadline, List.of());
	}

	/**
	 * Extracts the chunks of a parsed file together with the captures of the regions of other languages in it
	 * ({@link EmbeddedRegions}).
	 */
	static List<CodeChunk> extract(Tree tree, SourceText source, CompiledLanguage language, String filePath,
			Deadline deadline, List<Capture> embedded) {
		List<CodeChunk> chunks = new ArrayList<>();
		extract(tree, source, language, filePath, deadline, chunks::add, embedded);
		// Parts of a split definition come out before its children; document order puts them by offset.
		chunks.sort(Comparator.comparingInt(CodeChunk::byteStart)
			.thenComparing(Comparator.comparingInt(CodeChunk::byteEnd).reversed()));
		return chunks;
	}

	/**
	 * Extracts the chunks of a parsed file into a sink, as they are found (definitions in order of their start),
	 * holding no more than the ancestor stack in memory: the path for huge files.
	 * @return the number of chunks emitted
	 */
	public static long extract(Tree tree, SourceText source, CompiledLanguage language, String filePath,
			Deadline deadline, Consumer<CodeChunk> sink) {
		return extract(tree, source, language, filePath, deadline, sink, List.of());
	}

	private static long extract(Tree tree, SourceText source, CompiledLanguage language, String filePath,
			Deadline deadline, Consumer<CodeChunk> sink, List<Capture> embedded) {
		ChunkAssembler assembler = new ChunkAssembler(source, language, filePath,
				ImportLister.imports(tree, source, language), sink);
		List<Capture> captures = new ArrayList<>(CaptureCollector.captures(tree, source, language, deadline,
				language.walkMarks() != null));
		captures.addAll(embedded);
		captures.sort(Comparator.comparingInt(Capture::start)
			.thenComparing(Comparator.comparingInt(Capture::end).reversed())
			.thenComparingInt(Capture::kind));
		Capture previous = null;
		for (Capture capture : captures) {
			// A node matched by two patterns (a plain type and a raw pattern) is one definition.
			if (previous == null || previous.kind() != capture.kind() || previous.start() != capture.start()
					|| previous.end() != capture.end() || !previous.type().equals(capture.type())) {
				assembler.accept(capture);
			}
			previous = capture;
		}
		return assembler.emitted();
	}

}
