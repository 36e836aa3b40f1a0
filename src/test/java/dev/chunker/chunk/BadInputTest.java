package dev.chunker.chunk;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.chunker.chunk.ChunkingException.Reason;
import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import dev.chunker.treesitter.AstCache;
import dev.chunker.treesitter.ParserPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Inputs a real repository holds sooner or later: each has a defined outcome, never a crash. */
class BadInputTest {

	private static ChunkerRuntime runtime;

	@BeforeAll
	static void start() {
		runtime = ChunkerSettings.defaults().newChunkerRuntime();
	}

	@AfterAll
	static void stop() {
		runtime.close();
	}

	static FileChunks chunk(byte[] bytes, String path) {
		FileChunks result = runtime.chunker().chunk(bytes, path, null, null);
		ChunkInvariants.assertValid(bytes, result);
		return result;
	}

	static FileChunks chunk(String source, String path) {
		return chunk(source.getBytes(StandardCharsets.UTF_8), path);
	}

	static List<String> outline(FileChunks result) {
		return result.chunks().stream()
			.map((c) -> c.nodeType() + " " + c.qualifiedName() + " " + c.startLine() + "-" + c.endLine())
			.toList();
	}

	static void assertReason(Runnable action, Reason reason) {
		assertThatThrownBy(action::run).isInstanceOfSatisfying(ChunkingException.class,
				(ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

	static byte[] concat(Object... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (Object part : parts) {
			byte[] bytes = (part instanceof byte[] b) ? b : part.toString().getBytes(StandardCharsets.UTF_8);
			out.writeBytes(bytes);
		}
		return out.toByteArray();
	}

	static int indexOf(byte[] haystack, String needle) {
		byte[] n = needle.getBytes(StandardCharsets.UTF_8);
		outer: for (int i = 0; i + n.length <= haystack.length; i++) {
			for (int k = 0; k < n.length; k++) {
				if (haystack[i + k] != n[k]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	@Test
	void emptyAndBlankFilesHaveNoChunks() {
		FileChunks empty = chunk(new byte[0], "empty.py");
		assertThat(empty.chunks()).isEmpty();
		assertThat(empty.language()).isEqualTo("python");
		assertThat(empty.sizeBytes()).isZero();
		assertThat(chunk("\n\n   \n", "blank.java").chunks()).isEmpty();
		assertThat(chunk("// only a comment\n", "c.js").chunks()).isEmpty();
	}

	@Test
	void emptyFileOnDisk(@TempDir Path dir) throws Exception {
		Path file = Files.createFile(dir.resolve("empty.rb"));
		FileChunks result = runtime.chunker().chunk(file, "empty.rb", null);
		assertThat(result.chunks()).isEmpty();
		assertThat(result.language()).isEqualTo("ruby");
	}

	@Test
	void binaryFilesAreRefused() {
		byte[] binary = concat("def f():\n    pass\n", new byte[] { 0, 1, 2, (byte) 0xff, 0 });
		assertReason(() -> chunk(binary, "blob.py"), Reason.BINARY);
		// Binary is decided before the language: an unknown name is still "binary".
		assertReason(() -> chunk(binary, "image.png"), Reason.BINARY);
		// A NUL past the first 8 KiB is not looked for: the file is chunked (the NUL is an error in the tree).
		byte[] late = concat("def f():\n    pass\n", "#".repeat(9000), "\n", new byte[] { 0 }, "\ndef g():\n    pass\n");
		FileChunks result = chunk(late, "late.py");
		assertThat(result.chunks()).extracting(CodeChunk::name).contains("f", "g");
	}

	@Test
	void invalidUtf8IsReplacedInContentButOffsetsAreThoseOfTheFile() {
		byte[] bytes = concat("def f():\n    return \"caf", new byte[] { (byte) 0xE9 }, "\"\n\n\n",
				"def g():\n    return \"", new byte[] { (byte) 0xC0, (byte) 0xAF, (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
				"\"\n\n\n# \u00fcber\ndef h():\n    return ", new byte[] { (byte) 0xE2, (byte) 0x82 }, "1\n");
		FileChunks result = chunk(bytes, "latin1.py");
		assertThat(result.hasInvalidUtf8()).isTrue();
		assertThat(outline(result)).containsExactly("function_definition f 1-2", "function_definition g 5-6",
				"function_definition h 9-11");
		CodeChunk f = result.chunks().get(0);
		assertThat(f.content()).isEqualTo("def f():\n    return \"caf\uFFFD\"");
		assertThat(f.byteEnd()).isEqualTo(indexOf(bytes, "\"\n\n\ndef g") + 1);
		CodeChunk g = result.chunks().get(1);
		assertThat(g.byteStart()).isEqualTo(indexOf(bytes, "def g"));
		assertThat(g.content()).contains("\uFFFD").doesNotContain("?");
		CodeChunk h = result.chunks().get(2);
		assertThat(h.byteStart()).isEqualTo(indexOf(bytes, "# \u00fcber"));
		assertThat(h.byteEnd()).isEqualTo(bytes.length - 1);
		assertThat(h.content()).startsWith("# \u00fcber\ndef h():").contains("\uFFFD");
		// Content hashes are over the original bytes, not the replaced text.
		assertThat(f.contentHash()).isEqualTo(ChunkIds.contentHash(bytes, f.byteStart(), f.byteEnd()));
		assertThat(f.contentHash())
			.isNotEqualTo(ChunkIds.contentHash(f.content().getBytes(StandardCharsets.UTF_8), 0, f.content().getBytes(StandardCharsets.UTF_8).length));
	}

	@Test
	void byteOrderMarkIsNotCode() {
		byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
		FileChunks defFirst = chunk(concat(bom, "def f():\n    pass\n"), "bom.py");
		assertThat(outline(defFirst)).containsExactly("function_definition f 1-2");
		assertThat(defFirst.chunks().get(0).byteStart()).isEqualTo(3);
		assertThat(defFirst.chunks().get(0).content()).isEqualTo("def f():\n    pass");
		assertThat(defFirst.chunks().get(0).hasError()).isFalse();
		assertThat(defFirst.hasInvalidUtf8()).isFalse();

		// A comment on the first line, after the mark, is still a leading comment.
		FileChunks commentFirst = chunk(concat(bom, "// Adds.\nfunction add(a, b) {\n  return a + b;\n}\n"), "bom.js");
		assertThat(outline(commentFirst)).containsExactly("function_declaration add 1-4");
		assertThat(commentFirst.chunks().get(0).byteStart()).isEqualTo(3);
		assertThat(commentFirst.chunks().get(0).content()).startsWith("// Adds.\nfunction add");

		FileChunks java = chunk(concat(bom, "package a;\n\npublic class A {\n    void f() {\n    }\n}\n"), "A.java");
		assertThat(outline(java)).containsExactly("class_declaration A 3-6", "method_declaration A.f 4-5");
	}

	@Test
	void crlfLineEnds() {
		String source = "# Adds.\r\ndef add(a, b):\r\n    return a + b\r\n\r\n\r\nclass A:\r\n    def f(self):\r\n        pass\r\n";
		FileChunks result = chunk(source, "crlf.py");
		assertThat(outline(result)).containsExactly("function_definition add 1-3", "class_definition A 6-8",
				"function_definition A.f 7-8");
		assertThat(result.chunks().get(0).content()).isEqualTo("# Adds.\r\ndef add(a, b):\r\n    return a + b");
		assertThat(result.chunks()).noneMatch(CodeChunk::hasError);

		String java = "class A {\r\n    // Detached.\r\n\r\n    // Attached.\r\n    void f() {\r\n    }\r\n}\r\n";
		FileChunks javaResult = chunk(java, "A.java");
		assertThat(outline(javaResult)).containsExactly("class_declaration A 1-7", "method_declaration A.f 4-6");
		assertThat(javaResult.chunks().get(1).content()).isEqualTo("// Attached.\r\n    void f() {\r\n    }");

		// Old Mac line ends (CR only) are not line breaks for line numbers; the chunk is still valid.
		FileChunks cr = chunk("def f():\r    pass\r", "cr.py");
		assertThat(cr.chunks()).allSatisfy((c) -> assertThat(c.startLine()).isEqualTo(1));
	}

	@Test
	void multibyteIdentifiersHaveByteOffsets() {
		String source = "# Gr\u00fc\u00dfe.\ndef gr\u00fc\u00dfe(name):\n    return \"h\u00e9llo \" + name\n\n\n"
				+ "class Gr\u00f6\u00dfe:\n    def \u5927\u304d\u3055(self):\n        return \"\u65e5\u672c\u8a9e\"\n";
		byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
		FileChunks result = chunk(bytes, "unicode.py");
		assertThat(outline(result)).containsExactly("function_definition gr\u00fc\u00dfe 1-3",
				"class_definition Gr\u00f6\u00dfe 6-8", "function_definition Gr\u00f6\u00dfe.\u5927\u304d\u3055 7-8");
		CodeChunk cls = result.chunks().get(1);
		assertThat(cls.byteStart()).isEqualTo(indexOf(bytes, "class Gr")).isNotEqualTo(source.indexOf("class Gr"));
		assertThat(cls.byteEnd()).isEqualTo(bytes.length - 1).isNotEqualTo(source.length() - 1);
		CodeChunk method = result.chunks().get(2);
		assertThat(method.byteStart()).isEqualTo(indexOf(bytes, "def \u5927"));
		assertThat(method.name()).isEqualTo("\u5927\u304d\u3055");

		// Astral characters (two UTF-16 units, four UTF-8 bytes) in JavaScript.
		String js = "const caf\u00e9 = () => \"\ud83d\ude00\";\nfunction \ud835\udcbb() {\n  return 1;\n}\n";
		byte[] jsBytes = js.getBytes(StandardCharsets.UTF_8);
		FileChunks jsResult = chunk(jsBytes, "astral.js");
		assertThat(outline(jsResult)).containsExactly("lexical_declaration caf\u00e9 1-1",
				"function_declaration \ud835\udcbb 2-4");
		assertThat(jsResult.chunks().get(1).byteStart()).isEqualTo(indexOf(jsBytes, "function"));
	}

	@Test
	void largeMultibyteFileOnTheCancellablePath() {
		// At least 256 KiB, so the parser reads through the callback in 64 KiB slices that must end on character
		// boundaries: two-, three- and four-byte characters everywhere, and some invalid bytes.
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int count = 0;
		while (out.size() < 400 * 1024) {
			out.writeBytes(("def funci\u00f3n_" + count + "(x):\n    return \"\u65e5\u672c\u8a9e \ud83d\ude00 caf\u00e9 ")
				.getBytes(StandardCharsets.UTF_8));
			if (count % 97 == 0) {
				out.writeBytes(new byte[] { (byte) 0xFF, (byte) 0xC3 });
			}
			out.writeBytes("\" + str(x)\n\n\n".getBytes(StandardCharsets.UTF_8));
			count++;
		}
		byte[] bytes = out.toByteArray();
		assertThat(bytes.length).isGreaterThanOrEqualTo(FileChunker.CANCELLABLE_PARSE_BYTES);
		FileChunks result = chunk(bytes, "big_unicode.py");
		assertThat(result.hasInvalidUtf8()).isTrue();
		assertThat(result.chunks()).hasSize(count);
		for (int i = 0; i < count; i++) {
			CodeChunk chunk = result.chunks().get(i);
			assertThat(chunk.name()).isEqualTo("funci\u00f3n_" + i);
			assertThat(chunk.startLine()).isEqualTo(4 * i + 1);
			assertThat(chunk.hasError()).isFalse();
		}
	}

	@Test
	void fiveMegabyteMinifiedJavaScript() {
		// Long string literals keep the token count (and so the parse time) down; the line is still 5 MiB.
		String text = "lorem ipsum dolor sit amet ".repeat(12);
		StringBuilder source = new StringBuilder(5 * 1024 * 1024 + 500);
		int functions = 0;
		while (source.length() < 5 * 1024 * 1024) {
			source.append("function f").append(functions)
				.append("(a,b){var c=a+b;for(var i=0;i<3;i++){c+=i}let d=[c,a].map(function(x){return x+1});return \"")
				.append(text).append("\"+d}");
			functions++;
		}
		byte[] bytes = source.toString().getBytes(StandardCharsets.UTF_8);
		FileChunks result = chunk(bytes, "dist/app.min.js");
		// One chunk per function; "var c=a+b", "let d=..." and the function passed to map() are no chunks.
		assertThat(result.chunks()).hasSize(functions);
		assertThat(result.chunks()).allSatisfy((c) -> {
			assertThat(c.startLine()).isEqualTo(1);
			assertThat(c.endLine()).isEqualTo(1);
			assertThat(c.nodeType()).isEqualTo("function_declaration");
		});
		assertThat(result.chunks().get(functions - 1).name()).isEqualTo("f" + (functions - 1));
		assertThat(result.chunks().get(functions - 1).byteEnd()).isEqualTo(bytes.length);
	}

	@Test
	void hundredThousandDeepNesting() {
		int depth = 100_000;
		String python = "def f():\n    return " + "[".repeat(depth) + "]".repeat(depth) + "\n\n\ndef g():\n    pass\n";
		FileChunks py = chunk(python, "deep.py");
		assertThat(outline(py)).containsExactly("function_definition f 1-2", "function_definition g 5-6");
		assertThat(py.chunks().get(0).hasError()).isFalse();

		String js = "function f() {\n  return " + "(".repeat(depth) + "1" + ")".repeat(depth) + ";\n}\n";
		assertThat(outline(chunk(js, "deep.js"))).containsExactly("function_declaration f 1-3");

		// Unbalanced: openers and no closers. Kept at 20,000: tree-sitter's query cursor takes time quadratic in
		// the depth of this error tree (about 15 s at 100,000), and no match arrives to check the deadline.
		FileChunks open = chunk("def f():\n    return " + "[".repeat(20_000) + "\n", "open.py");
		assertThat(open.chunks()).allSatisfy((c) -> assertThat(c.hasError()).isTrue());
	}

	@Test
	void deeplyNestedDefinitions() {
		// 1,000 nested functions: every level is a chunk whose parent is the level above.
		int depth = 1_000;
		String js = "function a() {\n".repeat(depth) + "}\n".repeat(depth);
		FileChunks result = chunk(js, "nested.js");
		assertThat(result.chunks()).hasSize(depth);
		for (int i = 1; i < depth; i++) {
			assertThat(result.chunks().get(i).parentChunkId()).isEqualTo(result.chunks().get(i - 1).chunkId());
		}
		assertThat(result.chunks().get(depth - 1).qualifiedName()).hasSize(2 * depth - 1);
	}

	@Test
	void nothingButSyntaxErrors() {
		String garbage = ")))]]] }}} ((( def class : : : @@@ => -> ;;; \"\n".repeat(50);
		for (String path : List.of("junk.py", "Junk.java", "junk.js", "junk.go", "junk.rs", "junk.c", "junk.cpp",
				"junk.cs", "junk.rb", "junk.php", "junk.kt", "junk.sh", "junk.ts", "junk.tsx")) {
			FileChunks result = chunk(garbage, path);
			// Whatever the grammar recovers is flagged; nothing is thrown.
			assertThat(result.chunks()).as(path).allSatisfy((c) -> assertThat(c.hasError()).isTrue());
		}
		// A valid definition after garbage is still found, without error.
		FileChunks mixed = chunk("))) ((( }}}\n\n\ndef ok():\n    return 1\n", "mixed.py");
		assertThat(mixed.chunks()).extracting(CodeChunk::name).contains("ok");
	}

	@Test
	void fileLevelRefusals(@TempDir Path dir) throws Exception {
		assertReason(() -> runtime.chunker().chunk(dir, "dir", null), Reason.NOT_REGULAR_FILE);
		assertReason(() -> runtime.chunker().chunk(dir.resolve("missing.py"), "missing.py", null), Reason.VANISHED);
		Path big = dir.resolve("big.py");
		Files.write(big, new byte[2 * 1024 * 1024]);
		ChunkerSettings small = ChunkerSettings.load(null, Map.of(), Map.of("memory.max_file_size_mb", 1));
		try (ChunkerRuntime limited = small.newChunkerRuntime()) {
			assertReason(() -> limited.chunker().chunk(big, "big.py", null), Reason.TOO_LARGE);
		}
		assertReason(() -> runtime.chunker().chunk("x".getBytes(StandardCharsets.UTF_8), "a.py", "cobol", null),
				Reason.UNSUPPORTED_LANGUAGE);
	}

	@Test
	void filesOverTheParsersInputLimitAreRefusedWithThatReason(@TempDir Path dir) throws Exception {
		// A sparse file: one byte over the limit, no disk space used, and nothing of it may be read.
		Path huge = dir.resolve("huge.py");
		try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
			file.setLength(SourceValidator.PARSER_LIMIT_BYTES + 1);
		}
		ChunkerSettings unlimited = ChunkerSettings.load(null, Map.of(), Map.of("memory.max_file_size_mb", 1_000_000));
		try (ChunkerRuntime limitless = unlimited.newChunkerRuntime()) {
			assertReason(() -> limitless.chunker().chunk(huge, "huge.py", null), Reason.TOO_LARGE_FOR_PARSER);
			assertReason(() -> limitless.chunker().chunkStreaming(huge, "huge.py", null, 1000, (batch) -> {
				throw new AssertionError("no chunk expected");
			}), Reason.TOO_LARGE_FOR_PARSER);
		}
		assertThatThrownBy(() -> runtime.chunker().chunk(huge, "huge.py", null)).isInstanceOfSatisfying(
				ChunkingException.class, (ex) -> assertThat(ex.getMessage()).contains("over the parser's input limit"));
	}

	/** A generated Python file of at least {@code bytes}: the callback (cancellable) parse path. */
	static byte[] largePython(int bytes) {
		StringBuilder source = new StringBuilder(bytes + 200);
		int i = 0;
		while (source.length() < bytes) {
			source.append("def f").append(i).append("(x):\n    if x > ").append(i).append(":\n        return [x, {")
				.append(i).append(": (x, x)}]\n    return None\n\n\n");
			i++;
		}
		return source.toString().getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void parseTimeoutOnLargeFile() {
		byte[] bytes = largePython(1024 * 1024);
		assertThat(bytes.length).isGreaterThanOrEqualTo(FileChunker.CANCELLABLE_PARSE_BYTES);
		ChunkRules rules = ChunkRules.defaults();
		try (ParserPool pool = new ParserPool(2)) {
			AstCache cache = new AstCache(0, 0);
			FileChunker hasty = new FileChunker(rules, pool, cache, new FileChunker.Options(50L << 20, 1, 1 << 20));
			for (int i = 0; i < 5; i++) {
				assertReason(() -> hasty.chunk(bytes, "big.py", null, null), Reason.TIMEOUT);
			}
			// Cancelled parsers are thrown away, never lent again; nothing stays borrowed.
			ParserPool.Stats afterTimeouts = pool.stats();
			assertThat(afterTimeouts.inUse()).isZero();
			assertThat(afterTimeouts.discarded()).isEqualTo(afterTimeouts.created());
			assertThat(afterTimeouts.idle()).isZero();

			// The same pool (and process) still parses, also on the cancellable path.
			FileChunker patient = new FileChunker(rules, pool, cache, new FileChunker.Options(50L << 20, 60_000, 1 << 20));
			FileChunks result = patient.chunk(bytes, "big.py", null, null);
			ChunkInvariants.assertValid(bytes, result);
			assertThat(result.chunks()).hasSizeGreaterThan(10_000).noneMatch(CodeChunk::hasError);
			FileChunks small = patient.chunk("def f():\n    pass\n".getBytes(StandardCharsets.UTF_8), "s.py", null, null);
			assertThat(small.chunks()).hasSize(1);
			assertThat(pool.stats().inUse()).isZero();
			assertThat(pool.stats().idle()).isEqualTo(1);
		}
	}

	@Test
	void timeoutSettingReachesTheChunker() {
		ChunkerSettings settings = ChunkerSettings.load(null, Map.of(), Map.of("performance.parse_timeout_ms", 1));
		byte[] bytes = largePython(512 * 1024);
		try (ChunkerRuntime hasty = settings.newChunkerRuntime()) {
			assertReason(() -> hasty.chunker().chunk(bytes, "big.py", null, null), Reason.TIMEOUT);
		}
	}

}
