package dev.chunker.chunk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.chunker.chunk.OracleSupport.Definition;
import dev.chunker.chunk.OracleSupport.Miss;
import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Conformance of the Java chunk rules with the JDK's own compiler: every named class, interface, enum, record and
 * annotation type, and every method and constructor, that javac's parser finds in {@code java.util} (from the JDK's
 * {@code src.zip}) must be a chunk with the same name and last line, starting no later than the definition's first
 * line (modifiers and annotations included; Javadoc and comments above may belong to the chunk too).
 * Anonymous classes have no chunk of their own, but the methods declared in them do, as in any class body.
 */
class JavaCompilerOracleTest {

	static final Path SRC_ZIP = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/lib/src.zip");

	private static final String PREFIX = "java.base/";

	private static final String PACKAGE = "java/util/";

	private static final int MIN_FILES = 300;

	private static final double MIN_RECALL = 99.5;

	@Test
	@Timeout(value = 2, unit = TimeUnit.MINUTES)
	void everyJavacDefinitionIsAChunk(@TempDir Path temp) throws IOException {
		assumeTrue(Files.isRegularFile(SRC_ZIP), SRC_ZIP + " is not installed");
		List<Path> files = extract(temp);
		assertThat(files).as("java.util sources in src.zip").hasSizeGreaterThanOrEqualTo(MIN_FILES);
		Map<String, List<Definition>> oracle = parse(temp, files);

		List<Definition> all = new ArrayList<>();
		int chunkCount = 0;
		List<Miss> misses = new ArrayList<>();
		List<String> violations = new ArrayList<>();
		try (ChunkerRuntime runtime = ChunkerSettings.defaults().newChunkerRuntime()) {
			for (Map.Entry<String, List<Definition>> entry : oracle.entrySet()) {
				Path file = temp.resolve(entry.getKey());
				byte[] bytes = Files.readAllBytes(file);
				FileChunks chunks = runtime.chunker().chunk(file, entry.getKey(), null);
				assertThat(chunks.language()).as(entry.getKey()).isEqualTo("java");
				int[] lineStarts = OracleSupport.lineStarts(bytes);
				for (CodeChunk chunk : chunks.chunks()) {
					violations.addAll(OracleSupport.sliceBackViolations(bytes, lineStarts, chunk));
				}
				chunkCount += chunks.chunks().size();
				Map<Integer, List<CodeChunk>> byEnd = OracleSupport.byEndLine(chunks.chunks());
				for (Definition definition : entry.getValue()) {
					all.add(definition);
					if (!OracleSupport.matched(definition, byEnd)) {
						misses.add(new Miss(definition, OracleSupport.explain(definition, chunks.chunks())));
					}
				}
			}
		}
		System.out.print(OracleSupport.report("javac oracle (" + PREFIX + PACKAGE + "** in " + SRC_ZIP + ")",
				oracle.size(), all, misses, 50));
		System.out.println("  chunks checked for slice-back: " + chunkCount + ", violations: " + violations.size());
		violations.stream().limit(20).forEach((v) -> System.out.println("  slice-back " + v));

		assertThat(violations).as("slice-back violations").isEmpty();
		assertThat(all).as("definitions found by javac").isNotEmpty();
		assertThat(OracleSupport.recall(all.size(), misses.size())).as("recall in %").isGreaterThanOrEqualTo(MIN_RECALL);
	}

	/** Extracts {@code java.base/java/util/**.java} into {@code dir} as {@code java/util/...}; sorted paths. */
	static List<Path> extract(Path dir) throws IOException {
		List<Path> files = new ArrayList<>();
		try (ZipFile zip = new ZipFile(SRC_ZIP.toFile())) {
			Enumeration<? extends ZipEntry> entries = zip.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				String name = entry.getName();
				if (entry.isDirectory() || !name.startsWith(PREFIX + PACKAGE) || !name.endsWith(".java")) {
					continue;
				}
				Path target = dir.resolve(name.substring(PREFIX.length())).normalize();
				assertThat(target.startsWith(dir)).as("%s stays inside the extraction directory", name).isTrue();
				Files.createDirectories(target.getParent());
				try (InputStream in = zip.getInputStream(entry)) {
					Files.copy(in, target);
				}
				files.add(target);
			}
		}
		files.sort(null);
		return files;
	}

	/** Parses the files with javac; the definitions of each file, keyed by its path relative to {@code root}. */
	private static Map<String, List<Definition>> parse(Path root, List<Path> files) throws IOException {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		assumeTrue(compiler != null, "no system Java compiler");
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		Map<String, List<Definition>> oracle = new TreeMap<>();
		try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
			JavacTask task = (JavacTask) compiler.getTask(null, fileManager, diagnostics, List.of("-proc:none"), null,
					fileManager.getJavaFileObjectsFromPaths(files));
			SourcePositions positions = Trees.instance(task).getSourcePositions();
			for (CompilationUnitTree unit : task.parse()) {
				String file = root.relativize(Path.of(unit.getSourceFile().toUri())).toString().replace('\\', '/');
				List<Definition> definitions = new ArrayList<>();
				new DefinitionScanner(file, unit, positions, definitions).scan(unit, null);
				oracle.put(file, definitions);
			}
		}
		List<String> errors = diagnostics.getDiagnostics().stream()
			.filter((d) -> d.getKind() == Diagnostic.Kind.ERROR)
			.map((d) -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
			.toList();
		assertThat(errors).as("javac parse errors").isEmpty();
		return oracle;
	}

	/**
	 * Collects named type declarations and every method and constructor (including those of anonymous and local
	 * classes, which are chunked like any other). The definition's line is the start of the tree, which javac puts
	 * at the first modifier or annotation (Javadoc excluded); the end line is that of its last character.
	 */
	private static final class DefinitionScanner extends TreePathScanner<Void, Void> {

		private final String file;

		private final CompilationUnitTree unit;

		private final LineMap lines;

		private final SourcePositions positions;

		private final List<Definition> definitions;

		DefinitionScanner(String file, CompilationUnitTree unit, SourcePositions positions, List<Definition> definitions) {
			this.file = file;
			this.unit = unit;
			this.lines = unit.getLineMap();
			this.positions = positions;
			this.definitions = definitions;
		}

		@Override
		public Void visitClass(ClassTree node, Void unused) {
			String name = node.getSimpleName().toString();
			if (!name.isEmpty()) {
				add(node, node.getKind().name().toLowerCase(Locale.ROOT), name);
			}
			return super.visitClass(node, unused);
		}

		@Override
		public Void visitMethod(MethodTree node, Void unused) {
			String name = node.getName().toString();
			if (name.equals("<init>")) {
				TreePath parent = getCurrentPath().getParentPath();
				ClassTree owner = (ClassTree) parent.getLeaf();
				add(node, "constructor", owner.getSimpleName().toString());
			}
			else {
				add(node, "method", name);
			}
			return super.visitMethod(node, unused);
		}

		private void add(Tree node, String kind, String name) {
			long start = this.positions.getStartPosition(this.unit, node);
			long end = this.positions.getEndPosition(this.unit, node);
			assertThat(start).as("start of %s %s in %s", kind, name, this.file).isNotNegative();
			assertThat(end).as("end of %s %s in %s", kind, name, this.file).isGreaterThan(start);
			this.definitions.add(new Definition(this.file, kind, name, (int) this.lines.getLineNumber(start),
					(int) this.lines.getLineNumber(end - 1)));
		}

	}

}
