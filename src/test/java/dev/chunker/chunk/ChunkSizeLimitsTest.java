package dev.chunker.chunk;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code min_chunk_size} and {@code max_chunk_size}: small definitions dropped, large ones split at statements. */
class ChunkSizeLimitsTest {

	/**
	 * A commented 100-line function (lines 2-101): 52 one-line statements with a nested two-line function among
	 * them (lines 30-31), a 21-line if statement (55-75) and a 25-line statement holding a string literal (76-100)
	 * that has no statement boundary inside, then a return.
	 */
	static String bigFunction() {
		StringBuilder source = new StringBuilder("# Big function.\ndef big(x):\n");
		for (int line = 3; line <= 54; line++) {
			if (line == 30) {
				source.append("    def inner():\n");
			}
			else if (line == 31) {
				source.append("        return 1\n");
			}
			else {
				source.append("    a").append(line).append(" = x + ").append(line).append('\n');
			}
		}
		source.append("    if x > 0:\n");
		for (int line = 56; line <= 75; line++) {
			source.append("        b").append(line).append(" = ").append(line).append('\n');
		}
		source.append("    s = \"\"\"first line\n");
		for (int line = 77; line <= 99; line++) {
			source.append("    text line ").append(line).append('\n');
		}
		source.append("    last line\"\"\"\n");
		source.append("    return a3\n");
		return source.toString();
	}

	static FileChunks chunk(ChunkerSettings settings, String path, String source) {
		byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
		try (ChunkerRuntime runtime = settings.newChunkerRuntime()) {
			FileChunks result = runtime.chunker().chunk(bytes, path, null, null);
			ChunkInvariants.assertValid(bytes, result);
			return result;
		}
	}

	@Test
	void largeFunctionIsSplitIntoContiguousPartsAtStatements() {
		String source = bigFunction();
		assertThat(source.lines().count()).isEqualTo(101);
		ChunkerSettings settings = ChunkerSettings.load(null, Map.of(), Map.of("chunking.max_chunk_size", 20));
		FileChunks result = chunk(settings, "big.py", source);

		List<CodeChunk> parts = result.chunks().stream().filter((c) -> "big".equals(c.name())).toList();
		// Greedy: each part takes as many whole statements as fit in 20 lines; the string statement (25 lines)
		// cannot be cut and stays one part, so the return after it is a part of its own.
		assertThat(parts).extracting((c) -> c.startLine() + "-" + c.endLine())
			.containsExactly("1-20", "21-40", "41-55", "56-75", "76-100", "101-101");
		assertThat(parts).allSatisfy((part) -> {
			assertThat(part.partCount()).isEqualTo(6);
			assertThat(part.qualifiedName()).isEqualTo("big");
			assertThat(part.nodeType()).isEqualTo("function_definition");
			assertThat(part.definitionId()).isEqualTo(parts.get(0).definitionId());
			assertThat(part.parentChunkId()).isNull();
		});
		assertThat(parts).extracting(CodeChunk::partIndex).containsExactly(0, 1, 2, 3, 4, 5);
		for (CodeChunk part : parts) {
			boolean unsplittable = part.content().startsWith("    s = \"\"\"");
			if (!unsplittable) {
				assertThat(part.endLine() - part.startLine() + 1).as("lines of part %d", part.partIndex()).isLessThanOrEqualTo(20);
			}
		}
		// Contiguous and covering exactly the definition (with its comment): parts concatenate to the whole text.
		assertThat(parts.get(0).byteStart()).isZero();
		assertThat(parts.get(5).byteEnd()).isEqualTo(source.length() - 1);
		for (int i = 1; i < parts.size(); i++) {
			assertThat(parts.get(i).byteStart()).isEqualTo(parts.get(i - 1).byteEnd());
		}
		assertThat(String.join("", parts.stream().map(CodeChunk::content).toList())).isEqualTo(source.strip());
		// Parts begin at line starts, at statement boundaries.
		assertThat(parts.get(1).content()).startsWith("    a21 = x + 21\n");
		assertThat(parts.get(3).content()).startsWith("        b56 = 56\n");
		assertThat(parts.get(5).content()).isEqualTo("    return a3");
		assertThat(parts).extracting(CodeChunk::chunkId).doesNotHaveDuplicates();

		// The nested function is not split and hangs off the part that holds it.
		CodeChunk inner = result.chunks().stream().filter((c) -> "inner".equals(c.name())).findFirst().orElseThrow();
		assertThat(inner.qualifiedName()).isEqualTo("big.inner");
		assertThat(inner.startLine() + "-" + inner.endLine()).isEqualTo("30-31");
		assertThat(inner.partCount()).isEqualTo(1);
		assertThat(inner.parentChunkId()).isEqualTo(parts.get(1).chunkId());
		assertThat(result.chunks()).hasSize(7);
	}

	@Test
	void withoutLimitTheFunctionIsOneChunk() {
		FileChunks result = chunk(ChunkerSettings.defaults(), "big.py", bigFunction());
		assertThat(result.chunks()).extracting((c) -> c.qualifiedName() + " " + c.startLine() + "-" + c.endLine() + " "
				+ c.partIndex() + "/" + c.partCount()).containsExactly("big 1-101 0/1", "big.inner 30-31 0/1");
	}

	@Test
	void statementsLongerThanTheLimitAreCutInsideTheirBlocks() {
		// A class of three 12-line methods (38 lines) with max 10: the class is cut between methods, each method
		// between its statements; the methods' parents are the class parts that hold their first line.
		StringBuilder source = new StringBuilder("class Big:\n");
		for (int m = 0; m < 3; m++) {
			source.append("    def m").append(m).append("(self):\n");
			for (int s = 0; s < 11; s++) {
				source.append("        v").append(s).append(" = ").append(s).append('\n');
			}
			source.append('\n');
		}
		ChunkerSettings settings = ChunkerSettings.load(null, Map.of(), Map.of("chunking.max_chunk_size", 10));
		FileChunks result = chunk(settings, "cls.py", source.toString());
		List<CodeChunk> classParts = result.chunks().stream().filter((c) -> "Big".equals(c.name())).toList();
		assertThat(classParts).hasSizeGreaterThan(1).allSatisfy((part) ->
				assertThat(part.endLine() - part.startLine() + 1).isLessThanOrEqualTo(10));
		for (int m = 0; m < 3; m++) {
			String name = "Big.m" + m;
			List<CodeChunk> methodParts = result.chunks().stream().filter((c) -> name.equals(c.qualifiedName())).toList();
			assertThat(methodParts).as(name).hasSize(2).allSatisfy((part) ->
					assertThat(part.endLine() - part.startLine() + 1).isLessThanOrEqualTo(10));
			CodeChunk first = methodParts.get(0);
			CodeChunk holder = classParts.stream()
				.filter((p) -> p.byteStart() <= first.byteStart() && first.byteStart() < p.byteEnd())
				.findFirst()
				.orElseThrow();
			assertThat(methodParts).allSatisfy((part) -> assertThat(part.parentChunkId()).isEqualTo(holder.chunkId()));
		}
	}

	@Test
	void definitionsUnderTheMinimumAreNotEmitted() {
		String source = """
				def tiny(): pass


				class Small:
				    def a(self):
				        return 1

				    def b(self):
				        x = 1
				        return x


				class Two:
				    def one(self): return 1
				""";
		ChunkerSettings settings = ChunkerSettings.load(null, Map.of(), Map.of("chunking.min_chunk_size", 3));
		FileChunks result = chunk(settings, "small.py", source);
		// tiny (1 line), Small.a (2 lines), Two (2 lines) and Two.one (1 line) are dropped.
		assertThat(result.chunks()).extracting((c) -> c.qualifiedName() + " " + c.startLine() + "-" + c.endLine())
			.containsExactly("Small 4-10", "Small.b 8-10");
		assertThat(result.chunks().get(1).parentChunkId()).isEqualTo(result.chunks().get(0).chunkId());
		// Ids do not depend on the limit: the same definitions get the same ids without it.
		FileChunks all = chunk(ChunkerSettings.defaults(), "small.py", source);
		assertThat(all.chunks()).hasSize(6);
		assertThat(all.chunks()).extracting(CodeChunk::chunkId).containsAll(result.chunks().stream().map(CodeChunk::chunkId).toList());
	}

	@Test
	void perLanguageMinimumDropsNestedDefinitions() {
		// A definition is never longer than its parent, so a dropped definition's children are dropped too and
		// an emitted chunk's parent is always an emitted definition; here Outer.Mid (3 lines) goes and Outer.run
		// (4 lines) stays under Outer.
		String source = """
				class Outer:
				    class Mid:
				        x = 1
				        y = 2

				    def run(self):
				        a = 1
				        b = 2
				        return a + b
				""";
		ChunkerSettings settings = ChunkerSettings.load(null, Map.of(), Map.of("languages.python.min_chunk_size", 4));
		FileChunks result = chunk(settings, "nest.py", source);
		assertThat(result.chunks()).extracting((c) -> c.qualifiedName() + " " + c.startLine() + "-" + c.endLine())
			.containsExactly("Outer 1-9", "Outer.run 6-9");
		assertThat(result.chunks().get(1).parentChunkId()).isEqualTo(result.chunks().get(0).chunkId());
		// Other languages keep the global default (1): a 3-line JS class and its method are both emitted.
		FileChunks js = chunk(settings, "x.js", "class A {\n  f() { return 1; }\n}\n");
		assertThat(js.chunks()).hasSize(2);
	}

}
