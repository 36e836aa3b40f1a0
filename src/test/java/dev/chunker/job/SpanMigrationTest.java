package dev.chunker.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.chunker.chunk.CodeChunk;
import dev.chunker.chunk.FileChunks;
import dev.chunker.job.JobTestSupport.Cli;
import dev.chunker.job.JobTestSupport.Db;
import dev.chunker.job.JobTestSupport.TestDatabase;
import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static dev.chunker.job.JobTestSupport.chunker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An index written before chunks became spans (schema version 7: every chunk row holds its text) is upgraded in
 * place: right after the migration its export (but for the definitions' metadata, which the schema did not hold)
 * and text search are those of a fresh index of the same tree, and the next run stores each file's content once,
 * drops the rows' copies, fills in the metadata of the rows it keeps and exports exactly the same.
 */
@Timeout(300)
class SpanMigrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@ParameterizedTest
	@EnumSource(Db.class)
	void anIndexWithTextInEveryRowMigratesToIdenticalOutput(Db kind, @TempDir Path dir) throws Exception {
		Path tree = Files.createDirectories(dir.resolve("pylib"));
		JobTestSupport.copyPython(tree, 30);
		try (TestDatabase fresh = TestDatabase.create(kind, dir); TestDatabase old = TestDatabase.create(kind, dir)) {
			Cli run = chunker("index", tree.toString(), "--repo", "pylib", "--db", fresh.url(), "--threads", "2");
			assertThat(run.exitCode()).as(run.all()).isZero();
			String reference = export(fresh);
			String referenceSearch = search(fresh);

			writeVersion7Index(old, tree);
			assertThat(withoutMetadata(export(old))).as("export right after the migration").isEqualTo(withoutMetadata(reference));
			assertThat(export(old)).contains("\"metadata\":null").doesNotContain("\"signature\"");
			assertThat(withoutMetadata(search(old))).as("text search right after the migration")
				.isEqualTo(withoutMetadata(referenceSearch));
			assertThat(old.count("SELECT COUNT(*) FROM contents")).isZero();

			Cli upgrade = chunker("index", tree.toString(), "--repo", "pylib", "--db", old.url(), "--threads", "2");
			assertThat(upgrade.exitCode()).as(upgrade.all()).isZero();
			assertThat(old.count("SELECT COUNT(*) FROM chunks WHERE content IS NOT NULL")).isZero();
			assertThat(old.count("SELECT COUNT(*) FROM files WHERE stored_content_hash IS NULL")).isZero();
			assertThat(old.count("SELECT COUNT(*) FROM contents"))
				.isEqualTo(old.count("SELECT COUNT(DISTINCT content_hash) FROM files"));
			assertThat(export(old)).as("export after the first run on the new schema").isEqualTo(reference);
			assertThat(search(old)).isEqualTo(referenceSearch);
		}
	}

	/** An export with each chunk's metadata left out. */
	private static String withoutMetadata(String export) {
		StringBuilder out = new StringBuilder();
		for (String line : export.lines().toList()) {
			ObjectNode chunk = (ObjectNode) JSON.readTree(line);
			chunk.remove("metadata");
			out.append(chunk).append('\n');
		}
		return out.toString();
	}

	private static String export(TestDatabase database) {
		Cli export = chunker("export", "--db", database.url());
		assertThat(export.exitCode()).as(export.all()).isZero();
		assertThat(export.out()).isNotEmpty();
		return export.out();
	}

	private static String search(TestDatabase database) {
		Cli query = chunker("query", "--db", database.url(), "--text", "return self", "--limit", "0", "--format", "jsonl");
		assertThat(query.exitCode()).as(query.all()).isZero();
		assertThat(query.out()).isNotEmpty();
		return query.out();
	}

	/** The tables at schema version 7, filled as that version's writer filled them: a run, its files, its chunk rows with their text. */
	private static void writeVersion7Index(TestDatabase database, Path tree) throws Exception {
		String vendor = (database.kind() == Db.H2) ? "h2" : "postgresql";
		Flyway.configure().dataSource(database.url(), (database.kind() == Db.H2) ? "sa" : null, "")
			.locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
			.target("7")
			.load()
			.migrate();
		Timestamp now = Timestamp.from(Instant.now());
		try (ChunkerRuntime runtime = ChunkerSettings.load(null, Map.of(), Map.of()).newChunkerRuntime();
				Connection connection = database.connect()) {
			try (PreparedStatement repo = connection.prepareStatement(
					"INSERT INTO repositories (name, root_path, created_at) VALUES ('pylib', ?, ?)")) {
				repo.setString(1, tree.toAbsolutePath().toString());
				repo.setTimestamp(2, now);
				repo.executeUpdate();
			}
			try (PreparedStatement runs = connection.prepareStatement("INSERT INTO runs (repo_id, status, started_at, ended_at) "
					+ "VALUES (1, 'COMPLETED', ?, ?)")) {
				runs.setTimestamp(1, now);
				runs.setTimestamp(2, now);
				runs.executeUpdate();
			}
			PreparedStatement files = connection.prepareStatement("INSERT INTO files (repo_id, path, file_id, language, "
					+ "size_bytes, mtime_millis, content_hash, rules_version, last_run_id, last_change, status, chunk_count) "
					+ "VALUES (1, ?, ?, ?, ?, ?, ?, ?, 1, 'new', 'indexed', ?)");
			PreparedStatement chunks = connection.prepareStatement("INSERT INTO chunks (repo_id, chunk_id, file_path, file_id, "
					+ "language, node_type, name, qualified_name, parent_chunk_id, start_line, end_line, byte_start, byte_end, "
					+ "content, definition_id, content_hash, has_error, part_index, part_count, ordinal, run_id) "
					+ "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)");
			for (String path : JobTestSupport.relativeFiles(tree)) {
				Path file = tree.resolve(path);
				FileChunks chunked = runtime.chunker().chunk(file, path, null);
				files.setString(1, path);
				files.setString(2, chunked.fileId());
				files.setString(3, chunked.language());
				files.setLong(4, Files.size(file));
				files.setLong(5, Files.getLastModifiedTime(file).toMillis());
				files.setString(6, chunked.contentHash());
				files.setString(7, runtime.chunker().rulesVersion(chunked.language()));
				files.setInt(8, chunked.chunks().size());
				files.executeUpdate();
				List<CodeChunk> rows = chunked.chunks();
				for (int i = 0; i < rows.size(); i++) {
					CodeChunk c = rows.get(i);
					Object[] values = { c.chunkId(), c.filePath(), c.fileId(), c.language(), c.nodeType(), c.name(),
							c.qualifiedName(), c.parentChunkId(), c.startLine(), c.endLine(), c.byteStart(), c.byteEnd(),
							c.content().replace('\0', '\uFFFD'), c.definitionId(), c.contentHash(), c.hasError(), c.partIndex(),
							c.partCount(), i };
					for (int v = 0; v < values.length; v++) {
						chunks.setObject(v + 1, values[v]);
					}
					chunks.executeUpdate();
				}
			}
			files.close();
			chunks.close();
		}
	}

}
