package dev.chunker.chunk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.chunker.chunk.OracleSupport.Definition;
import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Conformance of the Python chunk rules with Python's own parser: every function and class that {@code ast} finds
 * in the standard library must be a chunk with the same name and last line, starting no later than its
 * {@code def}/{@code class} line (decorators and comments above may belong to the chunk).
 */
class PythonAstOracleTest {

	private static final Path CORPUS = Path.of("/usr/lib/python3.11");

	private static final int MIN_FILES = 500;

	private static final double MIN_RECALL = 99.5;

	@Test
	@Timeout(value = 2, unit = TimeUnit.MINUTES)
	void everyAstDefinitionIsAChunk(@TempDir Path temp) throws Exception {
		assumeTrue(Files.isDirectory(CORPUS), CORPUS + " is not installed");

		Map<String, List<Definition>> oracle = new LinkedHashMap<>();
		int files = runOracle(temp, oracle);
		assertThat(files).as("files parsed by ast").isGreaterThanOrEqualTo(MIN_FILES);

		List<Definition> all = new ArrayList<>();
		List<OracleSupport.Miss> misses = new ArrayList<>();
		List<String> violations = new ArrayList<>();
		int chunkCount = 0;
		try (ChunkerRuntime runtime = ChunkerSettings.defaults().newChunkerRuntime()) {
			for (Map.Entry<String, List<Definition>> entry : oracle.entrySet()) {
				Path file = CORPUS.resolve(entry.getKey());
				byte[] bytes = Files.readAllBytes(file);
				FileChunks chunks = runtime.chunker().chunk(file, entry.getKey(), null);
				assertThat(chunks.language()).as(entry.getKey()).isEqualTo("python");
				int[] lineStarts = OracleSupport.lineStarts(bytes);
				for (CodeChunk chunk : chunks.chunks()) {
					violations.addAll(OracleSupport.sliceBackViolations(bytes, lineStarts, chunk));
				}
				chunkCount += chunks.chunks().size();
				Map<Integer, List<CodeChunk>> byEnd = OracleSupport.byEndLine(chunks.chunks());
				for (Definition definition : entry.getValue()) {
					all.add(definition);
					if (!OracleSupport.matched(definition, byEnd)) {
						misses.add(new OracleSupport.Miss(definition, cause(definition, chunks.chunks(), bytes)));
					}
				}
			}
		}
		System.out.print(OracleSupport.report("python ast oracle (" + CORPUS + ")", files, all, misses, 50));
		long trailing = misses.stream().filter((miss) -> miss.cause().startsWith("trailing comments")).count();
		System.out.printf(java.util.Locale.ROOT,
				"  misses where the chunk only adds trailing comment lines: %d (recall counting them %.3f %%)%n", trailing,
				OracleSupport.recall(all.size(), misses.size() - (int) trailing));
		System.out.println("  chunks checked for slice-back: " + chunkCount + ", violations: " + violations.size());
		violations.stream().limit(20).forEach((v) -> System.out.println("  slice-back " + v));

		assertThat(violations).as("slice-back violations").isEmpty();
		assertThat(all).as("definitions found by ast").isNotEmpty();
		assertThat(OracleSupport.recall(all.size(), misses.size())).as("recall in %").isGreaterThanOrEqualTo(MIN_RECALL);
	}

	/**
	 * The cause of a miss. tree-sitter-python keeps the indented comment lines that follow a block's last statement
	 * inside the block, where ast ends the definition at its last statement: a chunk of the same name that only
	 * adds comment and blank lines at its end is reported as "trailing comments".
	 */
	private static String cause(Definition definition, List<CodeChunk> chunks, byte[] bytes) {
		String nearest = OracleSupport.explain(definition, chunks);
		String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
		for (CodeChunk chunk : chunks) {
			if (definition.name().equals(chunk.name()) && chunk.startLine() <= definition.line()
					&& chunk.endLine() > definition.endLine() && chunk.endLine() <= lines.length) {
				boolean comments = true;
				for (int line = definition.endLine() + 1; line <= chunk.endLine(); line++) {
					String text = lines[line - 1].strip();
					comments &= text.isEmpty() || text.startsWith("#");
				}
				if (comments) {
					return "trailing comments: chunk lines " + chunk.startLine() + "-" + chunk.endLine();
				}
			}
		}
		return nearest;
	}

	/** Runs the oracle script; fills {@code oracle} (every parsed file, even without definitions). */
	private static int runOracle(Path temp, Map<String, List<Definition>> oracle) throws IOException, InterruptedException {
		Process process = OracleSupport.startPythonOracle("python_defs.py", temp, CORPUS, true);
		CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> {
			try {
				return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				return ex.toString();
			}
		});
		JsonMapper json = JsonMapper.builder().build();
		int files = -1;
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = out.readLine()) != null) {
				JsonNode node = json.readTree(line);
				if (node.has("files")) {
					files = node.get("files").asInt();
					continue;
				}
				if (node.has("parsed")) {
					oracle.putIfAbsent(node.get("parsed").asString(), new ArrayList<>());
					continue;
				}
				String file = node.get("file").asString();
				oracle.computeIfAbsent(file, (k) -> new ArrayList<>())
					.add(new Definition(file, node.get("kind").asString(), node.get("name").asString(),
							node.get("lineno").asInt(), node.get("end_lineno").asInt()));
			}
		}
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("oracle finished").isTrue();
		assertThat(process.exitValue()).as("oracle exit status; stderr: " + stderr.join()).isZero();
		assertThat(files).as("oracle summary line").isPositive();
		return files;
	}

}
