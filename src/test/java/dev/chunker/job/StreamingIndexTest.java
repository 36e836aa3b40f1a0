package dev.chunker.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.chunker.chunk.CodeChunk;
import dev.chunker.chunk.FileChunks;
import dev.chunker.job.JobTestSupport.Cli;
import dev.chunker.job.JobTestSupport.Db;
import dev.chunker.job.JobTestSupport.TestDatabase;
import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Huge files take the streaming path (memory-mapped, callback parse, chunks written in batches): the rows must be
 * exactly those of the ordinary path, and a failure halfway must keep the file's earlier chunks.
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

			// A failure halfway (here a parse budget of 1 ms) rolls back to the savepoint: earlier chunks stay.
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

}
