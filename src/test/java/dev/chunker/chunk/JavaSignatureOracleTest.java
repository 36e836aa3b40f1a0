package dev.chunker.chunk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The metadata of Java definitions against the JDK's own compiler, on {@code java.util} from the JDK's
 * {@code src.zip}: for every method, constructor and named type that javac's parser finds, the chunk of the same
 * name and last line must declare the same parameters (names and the source text of their types), return type,
 * modifiers, annotations and doc comment ({@code DocTrees.getDocComment}).
 */
class JavaSignatureOracleTest {

	private static final int MIN_DEFINITIONS = 10_000;

	private static final double MIN_AGREEMENT = 99.5;

	@Test
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void signaturesAndDocCommentsAgreeWithJavac(@TempDir Path temp) throws IOException {
		assumeTrue(Files.isRegularFile(JavaCompilerOracleTest.SRC_ZIP), JavaCompilerOracleTest.SRC_ZIP + " is not installed");
		List<Path> files = JavaCompilerOracleTest.extract(temp);
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		assumeTrue(compiler != null, "no system Java compiler");
		MetadataAgreement agreement = new MetadataAgreement();
		try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(null, Locale.ROOT, null);
				ChunkerRuntime runtime = ChunkerSettings.defaults().newChunkerRuntime()) {
			JavacTask task = (JavacTask) compiler.getTask(null, fileManager, null, List.of("-proc:none"), null,
					fileManager.getJavaFileObjectsFromPaths(files));
			DocTrees trees = DocTrees.instance(task);
			for (CompilationUnitTree unit : task.parse()) {
				Path file = Path.of(unit.getSourceFile().toUri());
				String relative = temp.relativize(file).toString();
				Map<String, CodeChunk> byNameAndEnd = new HashMap<>();
				for (CodeChunk chunk : runtime.chunker().chunk(file, relative, null).chunks()) {
					if (chunk.metadata() != null) {
						byNameAndEnd.putIfAbsent(chunk.name() + "@" + chunk.endLine(), chunk);
					}
				}
				String source = Files.readString(file);
				new Comparison(relative, unit, source, trees, byNameAndEnd, agreement).scan(unit, null);
			}
		}
		System.out.print(agreement.report("javac signature oracle (java.util in " + JavaCompilerOracleTest.SRC_ZIP + ")"));
		assertThat(agreement.definitions()).as("definitions found by javac").isGreaterThanOrEqualTo(MIN_DEFINITIONS);
		assertThat(100.0 * agreement.unmatched() / agreement.definitions()).as("definitions without a chunk, in %")
			.isLessThan(0.5);
		for (String field : List.of("parameters", "param_types", "returns", "modifiers", "annotations", "doc")) {
			assertThat(agreement.compared(field)).as("%s compared", field).isPositive();
			assertThat(agreement.agreement(field)).as("agreement of %s in %%", field).isGreaterThanOrEqualTo(MIN_AGREEMENT);
		}
	}

	/** Walks one compilation unit and compares each definition with its chunk. */
	private static final class Comparison extends TreePathScanner<Void, Void> {

		private final String file;

		private final CompilationUnitTree unit;

		private final String source;

		private final DocTrees trees;

		private final SourcePositions positions;

		private final Map<String, CodeChunk> chunks;

		private final MetadataAgreement agreement;

		Comparison(String file, CompilationUnitTree unit, String source, DocTrees trees, Map<String, CodeChunk> chunks,
				MetadataAgreement agreement) {
			this.file = file;
			this.unit = unit;
			this.source = source;
			this.trees = trees;
			this.positions = trees.getSourcePositions();
			this.chunks = chunks;
			this.agreement = agreement;
		}

		@Override
		public Void visitClass(ClassTree node, Void unused) {
			String name = node.getSimpleName().toString();
			if (!name.isEmpty()) {
				List<VariableTree> components = new ArrayList<>();
				if (node.getKind() == Tree.Kind.RECORD) {
					for (Tree member : node.getMembers()) {
						if (member instanceof VariableTree field && !field.getModifiers().getFlags().contains(Modifier.STATIC)
								&& isComponent(field)) {
							components.add(field);
						}
					}
				}
				compare(node, name, node.getModifiers(), components, null);
			}
			return super.visitClass(node, unused);
		}

		@Override
		public Void visitMethod(MethodTree node, Void unused) {
			String name = node.getName().toString();
			if (name.equals("<init>")) {
				name = ((ClassTree) getCurrentPath().getParentPath().getLeaf()).getSimpleName().toString();
			}
			if (isCompactConstructor(node)) {
				return super.visitMethod(node, unused);
			}
			compare(node, name, node.getModifiers(), node.getParameters(), node.getReturnType());
			return super.visitMethod(node, unused);
		}

		/** A record component's field is generated from the header: it starts inside the record's parentheses. */
		private boolean isComponent(VariableTree field) {
			long start = this.positions.getStartPosition(this.unit, field);
			ClassTree record = (ClassTree) getCurrentPath().getLeaf();
			long open = this.source.indexOf('(', (int) this.positions.getStartPosition(this.unit, record));
			long brace = this.source.indexOf('{', (int) open);
			return start > open && start < brace;
		}

		private boolean isCompactConstructor(MethodTree node) {
			return node.getName().contentEquals("<init>")
					&& this.positions.getStartPosition(this.unit, node.getBody()) > 0
					&& !this.source.substring((int) this.positions.getStartPosition(this.unit, node),
							(int) this.positions.getStartPosition(this.unit, node.getBody())).contains("(");
		}

		private void compare(Tree node, String name, ModifiersTree modifiers, List<? extends VariableTree> parameters,
				@Nullable Tree returnType) {
			this.agreement.definition();
			long end = this.positions.getEndPosition(this.unit, node);
			int endLine = (int) this.unit.getLineMap().getLineNumber(end - 1);
			String where = this.file + ":" + endLine + " " + name;
			CodeChunk chunk = this.chunks.get(name + "@" + endLine);
			if (chunk == null) {
				this.agreement.unmatched(where);
				return;
			}
			DefinitionMetadata actual = chunk.metadata();
			this.agreement.check("parameters", where, parameters.stream().map((p) -> p.getName().toString()).toList(),
					actual.parameters().stream().map(DefinitionMetadata.Parameter::name).toList());
			this.agreement.check("param_types", where, parameters.stream().map(this::typeText).toList(),
					actual.parameters().stream().map(DefinitionMetadata.Parameter::type).toList());
			this.agreement.check("returns", where, (returnType != null) ? text(returnType) : null, actual.returns());
			this.agreement.check("modifiers", where, new TreeSet<>(modifiers.getFlags().stream()
				.map((flag) -> flag.toString()).toList()), new TreeSet<>(actual.modifiers()));
			this.agreement.check("annotations", where,
					modifiers.getAnnotations().stream().map((AnnotationTree a) -> text(a)).toList(), actual.annotations());
			this.agreement.check("doc", where, this.trees.getDocComment(getCurrentPath()), actual.doc());
		}

		/** A parameter's type as written; a variable-arity parameter's with its {@code ...}. */
		private String typeText(VariableTree parameter) {
			String type = text(parameter.getType());
			long typeEnd = this.positions.getEndPosition(this.unit, parameter.getType());
			long nameStart = this.positions.getStartPosition(this.unit, parameter) < 0 ? typeEnd
					: this.source.indexOf(parameter.getName().toString(), (int) typeEnd);
			String between = (nameStart > typeEnd) ? this.source.substring((int) typeEnd, (int) nameStart).strip() : "";
			return between.equals("...") ? type + "..." : type;
		}

		private String text(Tree tree) {
			long start = this.positions.getStartPosition(this.unit, tree);
			long end = this.positions.getEndPosition(this.unit, tree);
			return this.source.substring((int) start, (int) end);
		}

	}

}
