package dev.chunker.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.chunker.chunk.ChunkingException;
import dev.chunker.chunk.CodeChunk;
import dev.chunker.chunk.FileChunker;
import dev.chunker.chunk.FileChunks;
import dev.chunker.job.JobTestSupport.Cli;
import dev.chunker.job.JobTestSupport.Db;
import dev.chunker.job.JobTestSupport.TestDatabase;
import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import dev.chunker.store.ChunkDao;
import dev.chunker.store.ContentDao;
import dev.chunker.store.FileChange;
import dev.chunker.store.FileDao;
import dev.chunker.store.FileErrorDao;
import dev.chunker.store.RepositoryDao;
import dev.chunker.store.RunDao;
import dev.chunker.store.WindowDao;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Huge files take the streaming path (memory-mapped, callback parse, chunks written in batches): the rows must be
 * exactly those of the ordinary path, and a failure (before the first batch, or after some batches were written)
 * must keep the file's earlier chunks and record only the failure.
 */
class StreamingIndexTest {

	@TempDir
	Path dir;

	@ParameterizedTest
	@EnumSource(Db.class)
	void hugeFileIsChunkedInBatchesExactlyLikeTheHeapPath(Db kind) throws Exception {
		Path root = Files.createDirectories(this.dir.resolve("tree"));
		StringBuilder source = new StringBuilder("\ufeff# generated: many small functions, one class\n");
		for (int i = 0; i < 25_000; i++) {
			source.append("def function_").append(i).append("(value):\n    return value + ").append(i).append("\n\n");
		}
		source.append("class Holder:\n    def method(self):\n        return 'caf\u00e9'\n");
		Files.writeString(root.resolve("huge.py"), source);
		Files.writeString(root.resolve("small.py"), "def small():\n    return 1\n");
		assertThat(Files.size(root.resolve("huge.py"))).isGreaterThan(1024 * 1024);
		Path config = JobTestSupport.config(this.dir, "memory:\n  streaming_threshold_mb: 1\n");
		try (TestDatabase db = TestDatabase.create(kind, this.dir)) {
			Cli first = JobTestSupport.chunker("index", root.toString(), "--repo", "huge", "--db", db.url(), "--config",
					config.toString());
			assertThat(first.exitCode()).as(first.all()).isZero();

			List<CodeChunk> expected;
			try (ChunkerRuntime runtime = ChunkerSettings.load(null, Map.of(), Map.of()).newChunkerRuntime()) {
				FileChunks heap = runtime.chunker().chunk(root.resolve("huge.py"), "huge.py", null);
				expected = heap.chunks();
			}
			List<String> stored = db.rows("SELECT chunk_id, byte_start, byte_end, start_line, end_line, content_hash, "
					+ "parent_chunk_id, ordinal FROM chunks WHERE file_path = 'huge.py' ORDER BY ordinal")
				.stream()
				.map(JobTestSupport::line)
				.toList();
			List<String> wanted = new java.util.ArrayList<>();
			for (int i = 0; i < expected.size(); i++) {
				CodeChunk c = expected.get(i);
				wanted.add(JobTestSupport.line(java.util.Arrays.asList(c.chunkId(), c.byteStart(), c.byteEnd(),
						c.startLine(), c.endLine(), c.contentHash(), c.parentChunkId(), i)));
			}
			assertThat(expected).hasSize(25_002);
			assertThat(stored).isEqualTo(wanted);
			assertThat(db.count("SELECT chunk_count FROM files WHERE path = 'huge.py'")).isEqualTo(25_002);

			// A failure before the first batch (here a parse budget of 1 ms) rolls back to the savepoint: the deletion
			// of the earlier chunks is undone, so they stay.
			Files.writeString(root.resolve("huge.py"), "\ndef appended():\n    return 2\n",
					java.nio.file.StandardOpenOption.APPEND);
			Path hasty = JobTestSupport.config(this.dir,
					"memory:\n  streaming_threshold_mb: 1\nperformance:\n  parse_timeout_ms: 1\n");
			Cli second = JobTestSupport.chunker("index", root.toString(), "--repo", "huge", "--db", db.url(), "--config",
					hasty.toString());
			assertThat(second.exitCode()).as(second.all()).isZero();
			assertThat(second.out()).contains("huge.py").contains("[timeout]");
			assertThat(db.count("SELECT COUNT(*) FROM chunks WHERE file_path = 'huge.py'")).isEqualTo(25_002);
			assertThat(db.count("SELECT COUNT(*) FROM chunk_deletions")).isZero();
			assertThat(db.count("SELECT COUNT(*) FROM file_errors WHERE path = 'huge.py' AND reason = 'timeout'")).isEqualTo(1);
		}
	}

	/**
	 * A file that fails after some of its batches were inserted (an I/O error surfacing mid-read, raised here after
	 * the third batch of 100 rows): the savepoint takes back those rows and the deletion of the earlier ones, the
	 * failure is recorded by the writer as on the heap path, and the rest of the chunk transaction commits.
	 */
	@ParameterizedTest
	@EnumSource(Db.class)
	void failureAfterBatchesWereWrittenRollsBackToTheEarlierChunks(Db kind) throws Exception {
		Path root = Files.createDirectories(this.dir.resolve("tree"));
		StringBuilder source = new StringBuilder();
		for (int i = 0; i < 20_000; i++) {
			source.append("def function_").append(i).append("(value):\n    return value + ").append(i).append("\n\n");
		}
		Path huge = root.resolve("huge.py");
		Files.writeString(huge, source);
		Path config = JobTestSupport.config(this.dir, "memory:\n  streaming_threshold_mb: 1\n");
		try (TestDatabase db = TestDatabase.create(kind, this.dir)) {
			Cli first = JobTestSupport.chunker("index", root.toString(), "--repo", "huge", "--db", db.url(), "--config",
					config.toString());
			assertThat(first.exitCode()).as(first.all()).isZero();
			String chunksOfHuge = "SELECT chunk_id, ordinal, start_line, run_id FROM chunks WHERE file_path = 'huge.py' "
					+ "ORDER BY ordinal";
			List<List<Object>> earlier = db.rows(chunksOfHuge);
			assertThat(earlier).hasSize(20_000);
			List<List<Object>> fileRow = db.rows("SELECT content_hash, chunk_count FROM files WHERE path = 'huge.py'");

			Files.writeString(huge, "def appended():\n    return 2\n", java.nio.file.StandardOpenOption.APPEND);
			long[] written = { -1 };
			try (ChunkerRuntime runtime = ChunkerSettings.load(null, Map.of(), Map.of()).newChunkerRuntime();
					SingleConnectionDataSource dataSource = new SingleConnectionDataSource(db.url(), true)) {
				if (kind == Db.H2) {
					dataSource.setUsername("sa");
					dataSource.setPassword("");
				}
				JdbcTemplate jdbc = new JdbcTemplate(dataSource);
				DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
				long repoId = new RepositoryDao(jdbc).repositoryId("huge").orElseThrow();
				long runId = new RunDao(jdbc).createRun(repoId);
				FileChunker chunker = runtime.chunker();
				int[] batches = { 0 };
				StreamedFileIndexer.StreamingChunker failingAfterThreeBatches = (file, path, language, size, sink) -> chunker
					.chunkStreaming(file, path, language, size, (batch) -> {
						sink.accept(batch);
						if (++batches[0] == 3) {
							written[0] = jdbc.queryForObject("SELECT COUNT(*) FROM chunks WHERE file_path = 'huge.py' "
									+ "AND run_id = ?", Long.class, runId);
							throw new ChunkingException(ChunkingException.Reason.UNREADABLE, "cannot read: Input/output error");
						}
					});
				ChunkDao chunkDao = new ChunkDao(jdbc);
				FileDao fileDao = new FileDao(jdbc);
				ContentDao contentDao = new ContentDao(jdbc);
				StreamedFileIndexer streaming = new StreamedFileIndexer(failingAfterThreeBatches, chunkDao, contentDao,
						fileDao, root, transactions, 100, InFlightJournal.NONE);
				FileIndexWriter writer = new FileIndexWriter(fileDao, chunkDao, new WindowDao(jdbc), contentDao, new FileErrorDao(jdbc),
						streaming, repoId, runId, new IndexProgress());
				FileOutcome.Streamed outcome = new FileOutcome.Streamed("huge.py", "python", Files.size(huge),
						Files.getLastModifiedTime(huge).toMillis(), chunker.rulesVersion("python"), FileChange.CHANGED);
				new TransactionTemplate(transactions).executeWithoutResult((status) -> writer.write(Chunk.of(outcome)));

				assertThat(written[0]).as("new rows in the transaction when the file failed").isEqualTo(300);
				assertThat(db.rows(chunksOfHuge)).isEqualTo(earlier);
				assertThat(db.count("SELECT COUNT(*) FROM chunks WHERE run_id = ?", runId)).isZero();
				assertThat(db.count("SELECT COUNT(*) FROM chunk_deletions")).isZero();
				assertThat(db.rows("SELECT reason, message FROM file_errors WHERE run_id = ? AND path = 'huge.py'", runId))
					.containsExactly(List.of("unreadable", "cannot read: Input/output error"));
				assertThat(db.rows("SELECT status, error_reason, last_run_id FROM files WHERE path = 'huge.py'"))
					.containsExactly(List.of("failed", "unreadable", runId));
				assertThat(db.rows("SELECT content_hash, chunk_count FROM files WHERE path = 'huge.py'")).isEqualTo(fileRow);
			}
		}
	}

	/**
	 * A huge file rewritten in place between its chunking and the read that stores its content (an append is harmless:
	 * the read stops at the size that was chunked): the stored bytes would not be
	 * the ones the spans were cut from, so the file fails with that reason, its earlier rows and content stay, and no
	 * content row is left for bytes nothing points at.
	 */
	@ParameterizedTest
	@EnumSource(Db.class)
	void fileRewrittenWhileChunkedFailsAndKeepsItsEarlierChunks(Db kind) throws Exception {
		Path root = Files.createDirectories(this.dir.resolve("tree"));
		StringBuilder source = new StringBuilder();
		for (int i = 0; i < 20_000; i++) {
			source.append("def function_").append(i).append("(value):\n    return value + ").append(i).append("\n\n");
		}
		Path huge = root.resolve("huge.py");
		Files.writeString(huge, source);
		Path config = JobTestSupport.config(this.dir, "memory:\n  streaming_threshold_mb: 1\n");
		try (TestDatabase db = TestDatabase.create(kind, this.dir)) {
			Cli first = JobTestSupport.chunker("index", root.toString(), "--repo", "huge", "--db", db.url(), "--config",
					config.toString());
			assertThat(first.exitCode()).as(first.all()).isZero();
			String chunksOfHuge = "SELECT chunk_id, ordinal, start_line, run_id FROM chunks WHERE file_path = 'huge.py' "
					+ "ORDER BY ordinal";
			List<List<Object>> earlier = db.rows(chunksOfHuge);
			List<List<Object>> fileRow = db.rows("SELECT content_hash, stored_content_hash FROM files WHERE path = 'huge.py'");
			long contents = db.count("SELECT COUNT(*) FROM contents");

			Files.writeString(huge, "def appended():\n    return 2\n", java.nio.file.StandardOpenOption.APPEND);
			try (ChunkerRuntime runtime = ChunkerSettings.load(null, Map.of(), Map.of()).newChunkerRuntime();
					SingleConnectionDataSource dataSource = new SingleConnectionDataSource(db.url(), true)) {
				if (kind == Db.H2) {
					dataSource.setUsername("sa");
					dataSource.setPassword("");
				}
				JdbcTemplate jdbc = new JdbcTemplate(dataSource);
				DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
				long repoId = new RepositoryDao(jdbc).repositoryId("huge").orElseThrow();
				long runId = new RunDao(jdbc).createRun(repoId);
				FileChunker chunker = runtime.chunker();
				// Chunked as it is, then rewritten in place (same size) before its content is read again to be stored.
				StreamedFileIndexer.StreamingChunker thenRewritten = (file, path, language, size, sink) -> {
					FileChunker.StreamedFile chunked = chunker.chunkStreaming(file, path, language, size, sink);
					try (java.io.RandomAccessFile out = new java.io.RandomAccessFile(file.toFile(), "rw")) {
						out.write("def renamed_0".getBytes(java.nio.charset.StandardCharsets.UTF_8));
					}
					catch (java.io.IOException ex) {
						throw new java.io.UncheckedIOException(ex);
					}
					return chunked;
				};
				ChunkDao chunkDao = new ChunkDao(jdbc);
				FileDao fileDao = new FileDao(jdbc);
				ContentDao contentDao = new ContentDao(jdbc);
				StreamedFileIndexer streaming = new StreamedFileIndexer(thenRewritten, chunkDao, contentDao, fileDao, root,
						transactions, 1000, InFlightJournal.NONE);
				FileIndexWriter writer = new FileIndexWriter(fileDao, chunkDao, new WindowDao(jdbc), contentDao, new FileErrorDao(jdbc),
						streaming, repoId, runId, new IndexProgress());
				FileOutcome.Streamed outcome = new FileOutcome.Streamed("huge.py", "python", Files.size(huge),
						Files.getLastModifiedTime(huge).toMillis(), chunker.rulesVersion("python"), FileChange.CHANGED);
				new TransactionTemplate(transactions).executeWithoutResult((status) -> writer.write(Chunk.of(outcome)));

				assertThat(db.rows("SELECT reason, message FROM file_errors WHERE run_id = ? AND path = 'huge.py'", runId))
					.containsExactly(List.of("unreadable", "changed while it was being indexed; the next run indexes it again"));
				assertThat(db.rows(chunksOfHuge)).isEqualTo(earlier);
				assertThat(db.rows("SELECT content_hash, stored_content_hash FROM files WHERE path = 'huge.py'"))
					.isEqualTo(fileRow);
				assertThat(db.count("SELECT COUNT(*) FROM contents")).isEqualTo(contents);
			}
		}
	}

}
