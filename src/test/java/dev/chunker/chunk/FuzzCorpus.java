package dev.chunker.chunk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Real source files of every supported language, found on this machine, for the mutation test: the Python library,
 * {@code /usr/include}, {@code /usr/share}, npm's and the Cloud SDK's trees, the pinned corpora of the oracle tests
 * ({@code ~/.cache/chunker/corpora}, when prepared) and this project's own sources. Files of 1 byte to
 * {@value #MAX_BYTES} bytes, at most {@value #PER_LANGUAGE} per language, spread evenly over the sorted paths (the
 * same choice on every run on one machine). Each language also gets its sample of {@link LanguageSamplesTest}, so a
 * language with no file on the machine (TSX, Kotlin and C# here) is still mutated.
 */
public final class FuzzCorpus {

	static final int MAX_BYTES = 64 * 1024;

	static final int PER_LANGUAGE = 150;

	/**
	 * One input file.
	 * @param path where it came from (a sample: {@code sample:NAME})
	 * @param name the file name it is chunked as (its extension chooses nothing: the language is given)
	 * @param language the language detected for the unmutated file
	 * @param bytes its content
	 */
	record Source(String path, String name, String language, byte[] bytes) {
	}

	private FuzzCorpus() {
	}

	/** Sources per language (sorted by language id), each list in path order. */
	static Map<String, List<Source>> load(LanguageDetector detector) throws IOException {
		Map<String, List<Path>> found = new TreeMap<>();
		for (Path root : roots()) {
			walk(root, detector, found);
		}
		Map<String, List<Source>> corpus = new TreeMap<>();
		for (Map.Entry<String, String> sample : samples().entrySet()) {
			byte[] bytes = sample.getValue().getBytes(StandardCharsets.UTF_8);
			String language = detector.detect(sample.getKey(), bytes);
			if (language != null) {
				corpus.computeIfAbsent(language, (k) -> new ArrayList<>())
					.add(new Source("sample:" + sample.getKey(), sample.getKey(), language, bytes));
			}
		}
		for (Map.Entry<String, List<Path>> entry : found.entrySet()) {
			List<Path> paths = entry.getValue();
			paths.sort(null);
			int count = Math.min(PER_LANGUAGE, paths.size());
			for (int i = 0; i < count; i++) {
				Path path = paths.get((int) ((long) i * paths.size() / count));
				corpus.computeIfAbsent(entry.getKey(), (k) -> new ArrayList<>())
					.add(new Source(path.toString(), path.getFileName().toString(), entry.getKey(), Files.readAllBytes(path)));
			}
		}
		return corpus;
	}

	private static List<Path> roots() throws IOException {
		List<Path> roots = new ArrayList<>();
		try (Stream<Path> lib = Files.list(Path.of("/usr/lib"))) {
			lib.filter((p) -> p.getFileName().toString().matches("python3\\.\\d+")).sorted().limit(1).forEach(roots::add);
		}
		for (String dir : List.of("/usr/include", "/usr/share", "/usr/lib/node_modules", "/usr/lib/google-cloud-sdk",
				"/usr/lib/go", "/usr/local/go", "/usr/local/lib/node_modules")) {
			roots.add(Path.of(dir));
		}
		String configured = System.getProperty("chunker.corpora", System.getenv("CHUNKER_CORPORA"));
		Path corpora = (configured != null && !configured.isBlank()) ? Path.of(configured)
				: Path.of(System.getProperty("user.home"), ".cache", "chunker", "corpora");
		if (Files.isDirectory(corpora)) {
			try (Stream<Path> dirs = Files.list(corpora)) {
				// "huge" holds generated giants (the streaming tests'), "bin" the oracle's own binary.
				dirs.filter((p) -> !Set.of("huge", "bin").contains(p.getFileName().toString())).sorted().forEach(roots::add);
			}
		}
		roots.add(Path.of("src", "main", "java"));
		roots.add(Path.of("src", "test", "java"));
		return roots.stream().filter(Files::isDirectory).toList();
	}

	private static void walk(Path root, LanguageDetector detector, Map<String, List<Path>> found) throws IOException {
		Files.walkFileTree(root, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
				if (!attributes.isRegularFile() || attributes.size() == 0 || attributes.size() > MAX_BYTES
						|| !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
					return FileVisitResult.CONTINUE;
				}
				String name = file.getFileName().toString();
				String language = detector.byName(name);
				if (language == null && !detector.needsContent(name)) {
					return FileVisitResult.CONTINUE;
				}
				if (detector.needsContent(name)) {
					language = detector.detect(name, head(file));
				}
				if (language != null) {
					found.computeIfAbsent(language, (k) -> new ArrayList<>()).add(file);
				}
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFileFailed(Path file, IOException ex) {
				return FileVisitResult.CONTINUE;
			}

		});
	}

	private static byte[] head(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return in.readNBytes(8192);
		}
		catch (IOException ex) {
			return new byte[0];
		}
	}

	/**
	 * The samples of {@link LanguageSamplesTest}, {@link AddedLanguageSamplesTest},
	 * {@link StyleConfigLanguageSamplesTest}, {@link PatternRuleLanguageSamplesTest} and
	 * {@link EmbeddedLanguageSamplesTest}, by the file name they are chunked as.
	 */
	public static Map<String, String> samples() {
		Map<String, String> samples = new LinkedHashMap<>();
		samples.put("sample.py", LanguageSamplesTest.PYTHON);
		samples.put("Sample.java", LanguageSamplesTest.JAVA);
		samples.put("sample.js", LanguageSamplesTest.JAVASCRIPT);
		samples.put("sample.ts", LanguageSamplesTest.TYPESCRIPT);
		samples.put("sample.tsx", LanguageSamplesTest.TSX);
		samples.put("sample.go", LanguageSamplesTest.GO);
		samples.put("sample.rs", LanguageSamplesTest.RUST);
		samples.put("sample.c", LanguageSamplesTest.C);
		samples.put("sample.cpp", LanguageSamplesTest.CPP);
		samples.put("Sample.cs", LanguageSamplesTest.C_SHARP);
		samples.put("sample.rb", LanguageSamplesTest.RUBY);
		samples.put("sample.php", LanguageSamplesTest.PHP);
		samples.put("Sample.kt", LanguageSamplesTest.KOTLIN);
		samples.put("sample.sh", LanguageSamplesTest.BASH);
		samples.put("init.lua", AddedLanguageSamplesTest.LUA);
		samples.put("app.toml", AddedLanguageSamplesTest.TOML);
		samples.put("app.yaml", AddedLanguageSamplesTest.YAML);
		samples.put("README.md", AddedLanguageSamplesTest.MARKDOWN);
		samples.put("Main.elm", AddedLanguageSamplesTest.ELM);
		samples.put("math.R", AddedLanguageSamplesTest.R);
		samples.put("Greet.ps1", AddedLanguageSamplesTest.POWERSHELL);
		samples.put("main.zig", AddedLanguageSamplesTest.ZIG);
		samples.put("Greeter.swift", AddedLanguageSamplesTest.SWIFT);
		samples.put("Main.hs", AddedLanguageSamplesTest.HASKELL);
		samples.put("Greeter.pm", AddedLanguageSamplesTest.PERL);
		samples.put("geometry.ml", AddedLanguageSamplesTest.OCAML);
		samples.put("Greeter.scala", AddedLanguageSamplesTest.SCALA);
		samples.put("site.css", StyleConfigLanguageSamplesTest.CSS);
		samples.put("main.tf", StyleConfigLanguageSamplesTest.HCL);
		samples.put("Makefile", StyleConfigLanguageSamplesTest.MAKE);
		samples.put("shapes.mli", StyleConfigLanguageSamplesTest.OCAML_INTERFACE);
		samples.put("shapes.ex", PatternRuleLanguageSamplesTest.ELIXIR);
		samples.put("Geometry.jl", PatternRuleLanguageSamplesTest.JULIA);
		samples.put("Shape.m", PatternRuleLanguageSamplesTest.OBJC);
		samples.put("shapes.dart", PatternRuleLanguageSamplesTest.DART);
		samples.put("index.html", EmbeddedLanguageSamplesTest.HTML);
		samples.put("Counter.vue", EmbeddedLanguageSamplesTest.VUE);
		samples.put("App.svelte", EmbeddedLanguageSamplesTest.SVELTE);
		return samples;
	}

}
