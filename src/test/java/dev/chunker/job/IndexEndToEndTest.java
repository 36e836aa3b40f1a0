package dev.chunker.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.chunker.chunk.CodeChunk;
import dev.chunker.chunk.FileChunks;
import dev.chunker.job.JobTestSupport.Cli;
import dev.chunker.job.JobTestSupport.Db;
import dev.chunker.job.JobTestSupport.Digest;
import dev.chunker.job.JobTestSupport.TestDatabase;
import dev.chunker.pack.FilePacker;
import dev.chunker.pack.PackOptions;
import dev.chunker.pack.PackedWindow;
import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.chunker.job.JobTestSupport.chunker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code chunker index} on a real tree of about 300 Python and Java files: the database holds, file by file, exactly
 * the chunks the chunker gives for the same repository-relative paths, and H2 and PostgreSQL hold the same rows.
 */
@Timeout(300)
class IndexEndToEndTest {

	static final String TREE = "sample";

	@TempDir
	static Path shared;

	static Path tree;

	@BeforeAll
	static void copyTree() throws Exception {
		tree = JobTestSupport.sampleTree(shared.resolve("tree"));
	}

	@ParameterizedTest
	@EnumSource(Db.class)
	void indexesEveryFileExactlyAsTheChunkerChunksIt(Db db, @TempDir Path dir) throws Exception {
		List<String> paths = JobTestSupport.relativeFiles(tree);
		assertThat(paths).hasSizeBetween(250, 350);
		try (TestDatabase database = TestDatabase.create(db, dir)) {
			Cli run = chunker("index", tree.toString(), "--repo", "sample", "--db", database.url(), "--threads", "2",
					"--grid-size", "6");
			assertThat(run.exitCode()).as(run.all()).isZero();
			assertThat(run.out()).contains("COMPLETED run 1 of 'sample'")
				.contains(paths.size() + " scanned, " + paths.size() + " new, 0 changed, 0 unchanged, 0 deleted, 0 failed");

			List<String> expectedFiles = new ArrayList<>();
			List<String> expectedChunks = new ArrayList<>();
			List<String> expectedWindows = new ArrayList<>();
			try (ChunkerRuntime runtime = ChunkerSettings.load(null, System.getenv(), Map.of()).newChunkerRuntime()) {
				FilePacker packer = new FilePacker(runtime.chunker(), Long.MAX_VALUE);
				for (String path : paths) {
					for (PackedWindow w : packer.pack(tree.resolve(path), path, null, PackOptions.defaults()).windows()) {
						expectedWindows.add(JobTestSupport.line(List.of(w.filePath(), w.windowIndex(), w.windowId(),
								w.byteStart(), w.byteEnd(), w.startLine(), w.endLine(), w.tokenCount(), w.header())));
					}
				}
				for (String path : paths) {
					FileChunks file = runtime.chunker().chunk(tree.resolve(path), path, null);
					expectedFiles.add(JobTestSupport.line(List.of(path, file.fileId(), file.language(), file.sizeBytes(),
							file.contentHash(), "indexed", file.chunks().size())));
					for (int i = 0; i < file.chunks().size(); i++) {
						expectedChunks.add(chunkLine(file.chunks().get(i), i));
					}
				}
			}
			List<String> storedFiles = database.rows("SELECT path, file_id, language, size_bytes, content_hash, status, "
					+ "chunk_count FROM files").stream().map(JobTestSupport::line).sorted().toList();
			List<String> storedChunks = database.rows("SELECT c.chunk_id, c.file_path, c.file_id, c.language, c.node_type, "
					+ "c.name, c.qualified_name, c.parent_chunk_id, c.start_line, c.end_line, c.byte_start, c.byte_end, "
					+ JobTestSupport.SPAN + ", c.definition_id, c.content_hash, c.has_error, c.part_index, c.part_count, "
					+ "c.ordinal FROM chunks c" + JobTestSupport.SPAN_JOINS)
				.stream()
				.map(JobTestSupport::line)
				.sorted()
				.toList();
			Digest stored = new Digest(storedFiles, storedChunks);
			Digest expected = new Digest(expectedFiles.stream().sorted().toList(), expectedChunks.stream().sorted().toList());
			JobTestSupport.assertSameRows(stored, expected);
			assertThat(expectedChunks).hasSizeGreaterThan(5 * paths.size());

			// The packed view as `chunker chunk --packed` makes it, and its windows tile every file: each starts where
			// the one before ends, the first at 0, the last at the file's size.
			assertThat(database.rows("SELECT file_path, window_index, window_id, byte_start, byte_end, start_line, end_line, "
					+ "token_count, header FROM windows").stream().map(JobTestSupport::line).sorted().toList())
				.isEqualTo(expectedWindows.stream().sorted().toList());
			List<List<Object>> tiling = database.rows("SELECT f.path, f.size_bytes, MIN(w.byte_start), MAX(w.byte_end), "
					+ "SUM(w.byte_end - w.byte_start), COUNT(*) FROM files f JOIN windows w ON w.repo_id = f.repo_id "
					+ "AND w.file_path = f.path WHERE f.size_bytes > 0 GROUP BY f.path, f.size_bytes");
			assertThat(tiling).hasSize((int) paths.stream().filter((p) -> tree.resolve(p).toFile().length() > 0).count());
			assertThat(tiling).allSatisfy((row) -> {
				long size = ((Number) row.get(1)).longValue();
				assertThat(((Number) row.get(2)).longValue()).as("%s", row).isZero();
				assertThat(((Number) row.get(3)).longValue()).as("%s", row).isEqualTo(size);
				assertThat(((Number) row.get(4)).longValue()).as("%s: no gap, no byte twice", row).isEqualTo(size);
			});

			// Every file was read by exactly one partition, in one pass.
			List<List<Object>> workers = database.rows("SELECT step_name, status, read_count, write_count FROM "
					+ "BATCH_STEP_EXECUTION WHERE step_name LIKE 'chunkFilesWorker:%'");
			assertThat(workers).hasSize(6).allSatisfy((row) -> assertThat(row.get(1)).isEqualTo("COMPLETED"));
			assertThat(workers.stream().mapToLong((row) -> ((Number) row.get(2)).longValue()).sum()).isEqualTo(paths.size());
			assertThat(workers.stream().mapToLong((row) -> ((Number) row.get(3)).longValue()).sum()).isEqualTo(paths.size());

			List<Object> summary = database.rows("SELECT status, files_scanned, files_new, files_failed, chunks_written, "
					+ "chunks_deleted FROM runs").get(0);
			assertThat(summary).containsExactly("COMPLETED", (long) paths.size(), (long) paths.size(), 0L,
					(long) expectedChunks.size(), 0L);
			assertThat(database.count("SELECT COUNT(*) FROM file_errors")).isZero();

			// Independent of the chunker: Python's own parser names the definitions of a few files that are not
			// nested in another definition, and each is a stored chunk without parent covering its lines.
			for (String path : ORACLE_FILES) {
				assertThat(paths).contains(path);
				List<String> definitions = database.rows("SELECT name, start_line, end_line FROM chunks WHERE file_path = ? "
						+ "AND parent_chunk_id IS NULL AND node_type IN ('function_definition', 'class_definition') "
						+ "ORDER BY start_line", path)
					.stream()
					.map(JobTestSupport::line)
					.toList();
				List<String> defined = outermostPythonDefinitions(tree.resolve(path));
				assertThat(defined).as(path).hasSizeGreaterThanOrEqualTo(3);
				assertThat(definitions).as(path).hasSameSizeAs(defined);
				for (int i = 0; i < defined.size(); i++) {
					String[] chunk = definitions.get(i).split("\\|");
					String[] definition = defined.get(i).split("\\|");
					assertThat(chunk[0]).as(path + ": " + definitions.get(i) + " vs " + defined.get(i)).isEqualTo(definition[0]);
					assertThat(Integer.parseInt(chunk[1])).as(path + " " + chunk[0]).isLessThanOrEqualTo(Integer.parseInt(definition[1]));
					assertThat(Integer.parseInt(chunk[2])).as(path + " " + chunk[0]).isGreaterThanOrEqualTo(Integer.parseInt(definition[2]));
				}
			}
			JobTestSupport.rememberCleanRun(db, TREE, database.digest());
		}
	}

	@Test
	void h2AndPostgresqlHoldIdenticalTablesForTheSameTree(@TempDir Path dir) {
		Digest h2 = JobTestSupport.cleanRun(Db.H2, TREE, tree, dir);
		Digest postgresql = JobTestSupport.cleanRun(Db.POSTGRESQL, TREE, tree, dir);
		assertThat(h2.chunks()).hasSizeGreaterThan(1000);
		JobTestSupport.assertSameRows(postgresql, h2);
	}

	/** Python files of the sample whose definitions Python's {@code ast} lists for the independent expectation. */
	static final List<String> ORACLE_FILES = List.of("python/bisect.py", "python/fnmatch.py", "python/shlex.py",
			"python/textwrap.py", "python/json/decoder.py");

	/** Lists every function and class that is not nested in another (a def under a module-level {@code if} counts). */
	private static final String OUTERMOST_DEFINITIONS = """
			import ast, sys
			def walk(node):
			    for child in ast.iter_child_nodes(node):
			        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
			            print(f"{child.name}|{child.lineno}|{child.end_lineno}")
			        else:
			            walk(child)
			with open(sys.argv[1], 'rb') as source:
			    walk(ast.parse(source.read()))
			""";

	/** {@code name|def line|last line} of each outermost definition by {@code python3}'s ast, in source order. */
	static List<String> outermostPythonDefinitions(Path file) throws Exception {
		Process process;
		try {
			process = new ProcessBuilder("python3", "-c", OUTERMOST_DEFINITIONS, file.toString()).redirectErrorStream(true)
				.start();
		}
		catch (java.io.IOException ex) {
			org.junit.jupiter.api.Assumptions.abort("python3 is not available: " + ex.getMessage());
			throw ex;
		}
		String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as(out).isZero();
		return out.lines().toList();
	}

	static String chunkLine(CodeChunk c, int ordinal) {
		List<Object> fields = new ArrayList<>();
		fields.add(c.chunkId());
		fields.add(c.filePath());
		fields.add(c.fileId());
		fields.add(c.language());
		fields.add(c.nodeType());
		fields.add(c.name());
		fields.add(c.qualifiedName());
		fields.add(c.parentChunkId());
		fields.add(c.startLine());
		fields.add(c.endLine());
		fields.add(c.byteStart());
		fields.add(c.byteEnd());
		fields.add(c.content().replace('\0', '\uFFFD'));
		fields.add(c.definitionId());
		fields.add(c.contentHash());
		fields.add(c.hasError());
		fields.add(c.partIndex());
		fields.add(c.partCount());
		fields.add(ordinal);
		return JobTestSupport.line(fields);
	}

}
