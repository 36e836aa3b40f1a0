package dev.chunker.chunk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import dev.chunker.treesitter.NodeWalk;
import io.github.treesitter.jtreesitter.InputEncoding;
import io.github.treesitter.jtreesitter.Parser;
import io.github.treesitter.jtreesitter.Tree;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native walk must find exactly what the tree-sitter query finds: same definitions, wrappers, comments and
 * skipped regions, with the same names, error flags and split points, on real code that nobody here wrote (the
 * Python standard library, java.util from the JDK's src.zip, the shell scripts under /usr and /etc).
 */
class NodeWalkEquivalenceTest {

	private static ChunkerRuntime runtime;

	@BeforeAll
	static void start() {
		runtime = ChunkerSettings.defaults().newChunkerRuntime();
	}

	@AfterAll
	static void stop() {
		runtime.close();
	}

	@Test
	void theNativeWalkIsAvailableAndUsedForPlainNodeTypeRules() {
		assertThat(NodeWalk.available()).isTrue();
		assertThat(runtime.chunker().compiled("python").walkMarks()).isNotNull();
		assertThat(runtime.chunker().compiled("java").walkMarks()).isNotNull();
		// Raw query patterns (arrow functions bound to names) keep the query.
		assertThat(runtime.chunker().compiled("javascript").walkMarks()).isNull();
	}

	@Test
	void rulesNamingASupertypeOrErrorKeepTheQuery() {
		// "expression" is a supertype in the Python grammar: a query matches every kind of expression under that
		// name, while no node of the tree carries it, so the walk would find none.
		LanguageRules python = runtime.chunker().compiled("python").rules();
		CompiledLanguage supertype = new CompiledLanguage(python.withChunkTypes(List.of("function_definition", "expression")));
		assertThat(supertype.walkMarks()).isNull();
		// ERROR nodes are no symbol of the grammar's table either.
		assertThat(new CompiledLanguage(python.withChunkTypes(List.of("function_definition", "ERROR"))).walkMarks())
			.isNull();
		SourceText source = new SourceText("def f(x):\n    return x + 1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		try (Parser parser = new Parser(supertype.language());
				Tree tree = parser.parse(source.parseText(), InputEncoding.UTF_8).orElseThrow()) {
			assertThat(describe(CaptureCollector.captures(tree, source, supertype, Deadline.NONE, false)))
				.anyMatch((c) -> c.contains(" binary_operator "));
		}
	}

	@Test
	void aTooSmallBufferIsGrownToTheExactCount() throws IOException {
		CompiledLanguage python = runtime.chunker().compiled("python");
		SourceText source = new SourceText(Files.readAllBytes(Path.of("/usr/lib/python3.11/argparse.py")));
		try (Parser parser = new Parser(python.language());
				Tree tree = parser.parse(source.parseText(), InputEncoding.UTF_8).orElseThrow();
				java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
			NodeWalk.Hits roomy = NodeWalk.walk(tree, python.walkMarks(), 100_000, arena);
			NodeWalk.Hits grown = NodeWalk.walk(tree, python.walkMarks(), 1, arena);
			assertThat(roomy.count()).isGreaterThan(64); // more than the smallest first buffer
			assertThat(grown.count()).isEqualTo(roomy.count());
			for (int i = 0; i < roomy.count(); i++) {
				assertThat(List.of(grown.startByte(i), grown.endByte(i), (int) grown.symbol(i), grown.mark(i)))
					.isEqualTo(List.of(roomy.startByte(i), roomy.endByte(i), (int) roomy.symbol(i), roomy.mark(i)));
			}
		}
	}

	@Test
	void pythonStandardLibrary() throws IOException {
		List<Path> files;
		try (Stream<Path> walk = Files.walk(Path.of("/usr/lib/python3.11"))) {
			files = walk.filter((p) -> p.toString().endsWith(".py") && Files.isRegularFile(p))
				.filter((p) -> !p.toString().contains("-packages/"))
				.sorted()
				.toList();
		}
		assertThat(files).hasSizeGreaterThan(500);
		Map<String, byte[]> sources = new TreeMap<>();
		for (Path file : files) {
			sources.put(file.toString(), Files.readAllBytes(file));
		}
		assertSameCaptures("python", sources, 5_000);
	}

	@Test
	void javaUtilFromTheJdkSources() throws IOException {
		Map<String, byte[]> sources = new TreeMap<>();
		try (ZipFile zip = new ZipFile("/usr/lib/jvm/temurin-25-jdk-amd64/lib/src.zip")) {
			Enumeration<? extends ZipEntry> entries = zip.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				if (entry.getName().startsWith("java.base/java/util/") && entry.getName().endsWith(".java")) {
					try (InputStream in = zip.getInputStream(entry)) {
						sources.put(entry.getName(), in.readAllBytes());
					}
				}
			}
		}
		assertThat(sources).hasSizeGreaterThan(300);
		assertSameCaptures("java", sources, 10_000);
	}

	@Test
	void shellScriptsOnTheMachine() throws IOException {
		List<Path> files = new ArrayList<>();
		for (String root : List.of("/usr", "/etc")) {
			try (Stream<Path> walk = Files.walk(Path.of(root))) {
				walk.filter((p) -> p.toString().endsWith(".sh") && Files.isRegularFile(p) && Files.isReadable(p))
					.forEach(files::add);
			}
		}
		assertThat(files).hasSizeGreaterThan(20);
		Map<String, byte[]> sources = new TreeMap<>();
		for (Path file : files) {
			sources.put(file.toString(), Files.readAllBytes(file));
		}
		assertSameCaptures("bash", sources, 50);
	}

	/** Compares walk and query captures file by file; at least {@code minCaptures} definitions in all. */
	private static void assertSameCaptures(String language, Map<String, byte[]> sources, int minCaptures) {
		CompiledLanguage compiled = runtime.chunker().compiled(language);
		assertThat(compiled.walkMarks()).as("%s rules use the walk", language).isNotNull();
		List<String> differences = new ArrayList<>();
		long definitions = 0;
		try (Parser parser = new Parser(compiled.language())) {
			for (Map.Entry<String, byte[]> file : sources.entrySet()) {
				SourceText source = new SourceText(file.getValue());
				try (Tree tree = parser.parse(source.parseText(), InputEncoding.UTF_8).orElseThrow()) {
					List<String> walked = describe(CaptureCollector.captures(tree, source, compiled, Deadline.NONE, true));
					List<String> queried = describe(CaptureCollector.captures(tree, source, compiled, Deadline.NONE, false));
					if (!walked.equals(queried)) {
						List<String> onlyWalk = new ArrayList<>(walked);
						onlyWalk.removeAll(queried);
						List<String> onlyQuery = new ArrayList<>(queried);
						onlyQuery.removeAll(walked);
						differences.add(file.getKey() + ": walk only " + onlyWalk + ", query only " + onlyQuery);
					}
					definitions += walked.stream().filter((c) -> c.startsWith(Capture.CHUNK + " ")).count();
				}
			}
		}
		assertThat(differences).as("files where the walk and the query disagree").isEmpty();
		assertThat(definitions).as("definitions compared").isGreaterThanOrEqualTo(minCaptures);
	}

	private static List<String> describe(List<Capture> captures) {
		return captures.stream()
			.map((c) -> c.kind() + " " + c.start() + "-" + c.end() + " " + c.type() + " " + c.name() + " "
					+ c.hasError() + " " + Arrays.toString(c.cuts()))
			.sorted()
			.toList();
	}

}
