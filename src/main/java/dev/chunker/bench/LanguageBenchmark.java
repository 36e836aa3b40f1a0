package dev.chunker.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.chunker.chunk.FileChunker;
import dev.chunker.scan.ScannedFile;

/**
 * Parse-only and chunk-only per language on one thread, each language's files on their own, so a polyglot corpus
 * shows which grammars and rules cost what. Runs after the whole-corpus warm-up of {@link CoreBenchmark}.
 */
public final class LanguageBenchmark {

	/** One language's two phases. */
	public record Row(String language, Measurement parse, Measurement chunk) {

		/** Chunk-only throughput as a share of parse-only (1.0: extraction costs nothing). */
		public double ratio() {
			return this.chunk.mibPerSecond() / this.parse.mibPerSecond();
		}

	}

	private LanguageBenchmark() {
	}

	public static List<Row> run(Path root, List<ScannedFile> files, FileChunker chunker) throws Exception {
		Map<String, List<ScannedFile>> byLanguage = new TreeMap<>();
		files.forEach((file) -> byLanguage.computeIfAbsent(file.language(), (l) -> new ArrayList<>()).add(file));
		List<Row> rows = new ArrayList<>();
		for (Map.Entry<String, List<ScannedFile>> entry : byLanguage.entrySet()) {
			CoreBenchmark bench = new CoreBenchmark(root, entry.getValue(), chunker);
			rows.add(new Row(entry.getKey(), bench.parseOnly(1), bench.chunkOnly(1)));
		}
		return rows;
	}

	public static void print(PrintWriter out, List<Row> rows) {
		out.printf(Locale.ROOT, "%n%-16s %6s %8s %12s %12s %8s %9s%n", "language", "files", "MiB", "parse MiB/s",
				"chunk MiB/s", "chunk÷parse", "chunks");
		for (Row row : rows) {
			out.printf(Locale.ROOT, "%-16s %6d %8.2f %12.2f %12.2f %8.2f %9d%n", row.language(), row.parse().files(),
					row.parse().bytes() / 1048576.0, row.parse().mibPerSecond(), row.chunk().mibPerSecond(), row.ratio(),
					row.chunk().chunks());
		}
		out.flush();
	}

}
