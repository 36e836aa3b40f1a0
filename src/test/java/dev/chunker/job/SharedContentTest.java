package dev.chunker.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.chunker.job.JobTestSupport.Cli;
import dev.chunker.job.JobTestSupport.Db;
import dev.chunker.job.JobTestSupport.TestDatabase;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.chunker.job.JobTestSupport.chunker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * File contents are stored once per distinct content, shared across repositories: two repositories of the same tree
 * hold one content row per distinct file; a file removed from one keeps its content for the other; a content no
 * file uses any more is deleted by the run that orphaned it; {@code chunker gc} deletes what is left over. Each
 * repository's chunks read back as their spans of the files on disk throughout.
 */
@Timeout(300)
class SharedContentTest {

	@ParameterizedTest
	@EnumSource(Db.class)
	void identicalFilesShareOneContentRowUntilNoFileUsesIt(Db kind, @TempDir Path dir) throws Exception {
		Path one = Files.createDirectories(dir.resolve("one"));
		Path two = Files.createDirectories(dir.resolve("two"));
		for (Path root : List.of(one, two)) {
			JobTestSupport.copyPython(root, 40);
			// The same bytes under two names in one tree: one content row too.
			Files.writeString(root.resolve("twin_a.py"), "def twin():\n    return 2\n");
			Files.writeString(root.resolve("twin_b.py"), "def twin():\n    return 2\n");
		}
		try (TestDatabase database = TestDatabase.create(kind, dir)) {
			index(one, "one", database);
			long afterOne = database.count("SELECT COUNT(*) FROM contents");
			long files = database.count("SELECT COUNT(*) FROM files");
			assertThat(afterOne).isEqualTo(files - 1)
				.isEqualTo(database.count("SELECT COUNT(DISTINCT content_hash) FROM files"));
			long bytesAfterOne = database.count("SELECT SUM(size_bytes) FROM contents");

			// A second repository of the same tree adds no content row and no byte of content.
			index(two, "two", database);
			assertThat(database.count("SELECT COUNT(*) FROM contents")).isEqualTo(afterOne);
			assertThat(database.count("SELECT SUM(size_bytes) FROM contents")).isEqualTo(bytesAfterOne);
			assertThat(database.count("SELECT COUNT(*) FROM files")).isEqualTo(2 * files);
			expectChunksAreSpansOfTheFilesOnDisk(database, dir);

			// Removed from one repository: the other still reads the file's chunks from the shared row.
			String gone = JobTestSupport.relativeFiles(one).stream().filter((p) -> !p.startsWith("twin")).findFirst().orElseThrow();
			String goneHash = contentHash(database, "one", gone);
			Files.delete(one.resolve(gone));
			index(one, "one", database);
			assertThat(database.count("SELECT COUNT(*) FROM contents WHERE content_hash = ?", goneHash)).isOne();
			expectChunksAreSpansOfTheFilesOnDisk(database, dir);

			// Changed in one repository: a new row; the old bytes stay for the other.
			Files.writeString(one.resolve("twin_a.py"), "def twin():\n    return 3\n");
			index(one, "one", database);
			assertThat(database.count("SELECT COUNT(*) FROM contents")).isEqualTo(afterOne + 1);
			expectChunksAreSpansOfTheFilesOnDisk(database, dir);

			// Removed from the other too: no file uses it, and the run that orphaned it deleted it.
			Files.delete(two.resolve(gone));
			index(two, "two", database);
			assertThat(database.count("SELECT COUNT(*) FROM contents WHERE content_hash = ?", goneHash)).isZero();
			assertThat(database.count("SELECT COUNT(*) FROM contents ct WHERE NOT EXISTS "
					+ "(SELECT 1 FROM files f WHERE f.stored_content_hash = ct.content_hash)")).isZero();
			expectChunksAreSpansOfTheFilesOnDisk(database, dir);

			// gc: contents left over when file rows are removed by hand are deleted; used ones stay. Without its
			// twin_b.py rows, the twins' first bytes are still used by two's twin_a.py; without the twin_a.py rows as
			// well, both versions of the twins are unused.
			long used = database.count("SELECT COUNT(*) FROM contents");
			try (var connection = database.connect(); var statement = connection.createStatement()) {
				statement.executeUpdate("DELETE FROM chunks WHERE file_path = 'twin_b.py'");
				statement.executeUpdate("DELETE FROM files WHERE path = 'twin_b.py'");
			}
			assertThat(chunker("gc", "--db", database.url()).out()).contains("deleted 0 unused stored contents");
			try (var connection = database.connect(); var statement = connection.createStatement()) {
				statement.executeUpdate("DELETE FROM chunks WHERE file_path = 'twin_a.py'");
				statement.executeUpdate("DELETE FROM files WHERE path = 'twin_a.py'");
			}
			Cli gc = chunker("gc", "--db", database.url());
			assertThat(gc.exitCode()).as(gc.all()).isZero();
			assertThat(gc.out()).contains("deleted 2 unused stored contents");
			assertThat(database.count("SELECT COUNT(*) FROM contents")).isEqualTo(used - 2);
			Cli again = chunker("gc", "--db", database.url());
			assertThat(again.out()).as(again.all()).contains("deleted 0 unused stored contents");
			expectChunksAreSpansOfTheFilesOnDisk(database, dir);
		}
	}

	private static void index(Path root, String repo, TestDatabase database) {
		Cli run = chunker("index", root.toString(), "--repo", repo, "--db", database.url(), "--threads", "2");
		assertThat(run.exitCode()).as(run.all()).isZero();
	}

	private static String contentHash(TestDatabase database, String repo, String path) {
		return database.strings("SELECT f.stored_content_hash FROM files f JOIN repositories r ON r.repo_id = f.repo_id "
				+ "WHERE r.name = ? AND f.path = ?", repo, path).get(0);
	}

	/** Every chunk exported is the slice of its file on disk (the tree of its repository). */
	private static void expectChunksAreSpansOfTheFilesOnDisk(TestDatabase database, Path dir) throws Exception {
		Cli export = chunker("export", "--db", database.url());
		assertThat(export.exitCode()).as(export.all()).isZero();
		List<String> lines = export.out().lines().toList();
		assertThat(lines).hasSize((int) database.count("SELECT COUNT(*) FROM chunks"));
		var json = tools.jackson.databind.json.JsonMapper.builder().build();
		for (String line : lines) {
			var chunk = json.readTree(line);
			byte[] file = Files.readAllBytes(dir.resolve(chunk.get("repo").asString()).resolve(chunk.get("file_path").asString()));
			int from = chunk.get("byte_start").asInt();
			int to = chunk.get("byte_end").asInt();
			assertThat(chunk.get("content").asString()).as(line)
				.isEqualTo(new String(file, from, to - from, java.nio.charset.StandardCharsets.UTF_8).replace('\0', '\uFFFD'));
		}
	}

}
