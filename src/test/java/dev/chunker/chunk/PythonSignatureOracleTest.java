package dev.chunker.chunk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
 * The metadata of Python definitions against Python's own parser, on the standard library: for every def and class
 * that {@code ast} finds, the chunk of the same name and last line must declare the same parameters (names, with
 * {@code *} and {@code **} for rest parameters, and annotations), return annotation, decorators, {@code async} and
 * doc string ({@code ast.get_docstring}, cleaned).
 */
class PythonSignatureOracleTest {

	private static final Path CORPUS = Path.of("/usr/lib/python3.11");

	private static final int MIN_DEFINITIONS = 15_000;

	private static final double MIN_AGREEMENT = 99.5;

	@Test
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void signaturesAndDocStringsAgreeWithAst(@TempDir Path temp) throws Exception {
		assumeTrue(Files.isDirectory(CORPUS), CORPUS + " is not installed");
		Map<String, List<JsonNode>> oracle = runOracle(temp);
		MetadataAgreement agreement = new MetadataAgreement();
		try (ChunkerRuntime runtime = ChunkerSettings.defaults().newChunkerRuntime()) {
			for (Map.Entry<String, List<JsonNode>> entry : oracle.entrySet()) {
				FileChunks chunks = runtime.chunker().chunk(CORPUS.resolve(entry.getKey()), entry.getKey(), null);
				Map<String, CodeChunk> byNameAndEnd = new HashMap<>();
				for (CodeChunk chunk : chunks.chunks()) {
					if (chunk.metadata() != null) {
						byNameAndEnd.putIfAbsent(chunk.name() + "@" + chunk.endLine(), chunk);
					}
				}
				for (JsonNode definition : entry.getValue()) {
					agreement.definition();
					String where = entry.getKey() + ":" + definition.get("end_lineno").asInt() + " "
							+ definition.get("name").asString();
					CodeChunk chunk = byNameAndEnd.get(definition.get("name").asString() + "@"
							+ definition.get("end_lineno").asInt());
					if (chunk == null) {
						agreement.unmatched(where);
						continue;
					}
					compare(agreement, where, definition, chunk.metadata());
				}
			}
		}
		System.out.print(agreement.report("python ast signature oracle (" + CORPUS + ")"));
		assertThat(agreement.definitions()).as("definitions found by ast").isGreaterThanOrEqualTo(MIN_DEFINITIONS);
		assertThat(100.0 * agreement.unmatched() / agreement.definitions()).as("definitions without a chunk, in %")
			.isLessThan(0.5);
		for (String field : List.of("parameters", "param_types", "returns", "decorators", "async", "doc")) {
			assertThat(agreement.compared(field)).as("%s compared", field).isPositive();
			assertThat(agreement.agreement(field)).as("agreement of %s in %%", field).isGreaterThanOrEqualTo(MIN_AGREEMENT);
		}
	}

	private static void compare(MetadataAgreement agreement, String where, JsonNode expected,
			DefinitionMetadata actual) {
		List<String> names = new ArrayList<>();
		List<String> types = new ArrayList<>();
		for (JsonNode parameter : expected.get("params")) {
			names.add(parameter.get(0).asString());
			types.add(parameter.get(1).isNull() ? null : parameter.get(1).asString());
		}
		agreement.check("parameters", where, names, actual.parameters().stream().map(DefinitionMetadata.Parameter::name).toList());
		agreement.check("param_types", where, types, actual.parameters().stream().map(DefinitionMetadata.Parameter::type).toList());
		agreement.check("returns", where, text(expected.get("returns")), actual.returns());
		List<String> decorators = new ArrayList<>();
		expected.get("decorators").forEach((decorator) -> decorators.add(decorator.asString()));
		agreement.check("decorators", where, decorators, actual.annotations());
		agreement.check("async", where, expected.get("async").asBoolean(), actual.modifiers().contains("async"));
		agreement.check("doc", where, text(expected.get("doc")), actual.doc());
	}

	private static String text(JsonNode node) {
		return node.isNull() ? null : node.asString();
	}

	/** Runs the oracle script: each file's definitions, by path relative to the corpus. */
	private static Map<String, List<JsonNode>> runOracle(Path temp) throws IOException, InterruptedException {
		Process process = OracleSupport.startPythonOracle("python_signatures.py", temp, CORPUS, false);
		JsonMapper json = JsonMapper.builder().build();
		Map<String, List<JsonNode>> oracle = new LinkedHashMap<>();
		int files = -1;
		try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = out.readLine()) != null) {
				JsonNode node = json.readTree(line);
				if (node.has("files")) {
					files = node.get("files").asInt();
				}
				else {
					oracle.computeIfAbsent(node.get("file").asString(), (key) -> new ArrayList<>()).add(node);
				}
			}
		}
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("oracle finished").isTrue();
		assertThat(process.exitValue()).as("oracle exit code").isZero();
		assertThat(files).as("files parsed by ast").isPositive();
		return oracle;
	}

}
