package dev.chunker.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.chunker.job.JobTestSupport.Cli;
import dev.chunker.job.JobTestSupport.Db;
import dev.chunker.job.JobTestSupport.Digest;
import dev.chunker.job.JobTestSupport.TestDatabase;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.chunker.job.JobTestSupport.chunker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Incremental runs: between two runs files are modified, added, deleted, renamed and touched; exactly their rows
 * change and the result equals a fresh index of the new tree. A third run over an unchanged tree reads no file.
 */
@Timeout(300)
class IncrementalIndexTest {

	static final String SERVICE_V1 = """
			def alpha():
			    return 1


			def beta():
			    return 2


			def gamma():
			    return 3


			class Store:
			    def get(self):
			        return 1

			    def put(self):
			        return 2


			def omega():
			    return 99
			""";

	/** beta changed, gamma removed, delta added, Store.put changed (so Store changed); alpha, Store.get and omega kept, omega moved. */
	static final String SERVICE_V2 = """
			def alpha():
			    return 1


			def beta():
			    value = 20
			    return value


			def delta():
			    return 4


			class Store:
			    def get(self):
			        return 1

			    def put(self):
			        self.saved = True
			        return 2


			def omega():
			    return 99
			""";

	static final String SERVICE = "app/service.py";

	static final String ADDED = "app/added.py";

	@ParameterizedTest
	@EnumSource(Db.class)
	void changesExactlyTheRowsOfChangedFilesAndReadsNothingWhenNothingChanged(Db db, @TempDir Path dir)
			throws Exception {
		Path tree = dir.resolve("tree");
		JobTestSupport.copyPython(tree.resolve("lib"), 40);
		Files.createDirectories(tree.resolve("app"));
		Files.writeString(tree.resolve(SERVICE), SERVICE_V1);
		List<String> lib = JobTestSupport.relativeFiles(tree).stream().filter((p) -> p.startsWith("lib/")).toList();
		assertThat(lib).hasSize(40);
		String deleted = lib.get(5);
		String renamedFrom = lib.get(10);
		String renamedTo = "moved/" + renamedFrom.substring(4);
		String touched = lib.get(15);
		int before = lib.size() + 1;

		try (TestDatabase database = TestDatabase.create(db, dir)) {
			String[] index = { "index", tree.toString(), "--repo", "inc", "--db", database.url(), "--threads", "2" };
			Cli first = chunker(index);
			assertThat(first.exitCode()).as(first.all()).isZero();
			Map<String, List<Object>> files1 = files(database);
			Map<String, List<Object>> chunks1 = chunks(database);
			assertThat(files1).hasSize(before);

			// Modify, add, delete, rename, touch.
			long mtime = Files.getLastModifiedTime(tree.resolve(SERVICE)).toMillis();
			Files.writeString(tree.resolve(SERVICE), SERVICE_V2);
			Files.setLastModifiedTime(tree.resolve(SERVICE), FileTime.fromMillis(mtime + 5000));
			Files.writeString(tree.resolve(ADDED), "def added():\n    return 'new'\n");
			Files.delete(tree.resolve(deleted));
			Files.createDirectories(tree.resolve(renamedTo).getParent());
			Files.move(tree.resolve(renamedFrom), tree.resolve(renamedTo));
			long touchedMtime = Files.getLastModifiedTime(tree.resolve(touched)).toMillis() + 7000;
			Files.setLastModifiedTime(tree.resolve(touched), FileTime.fromMillis(touchedMtime));

			Cli second = chunker(index);
			assertThat(second.exitCode()).as(second.all()).isZero();
			assertThat(second.out()).contains("COMPLETED run 2 of 'inc'")
				.contains(before + " scanned, 2 new, 1 changed, " + (before - 3) + " unchanged, 2 deleted, 0 failed");
			Map<String, List<Object>> files2 = files(database);
			Map<String, List<Object>> chunks2 = chunks(database);

			// Untouched files: not a column moved, chunks keep their run.
			Set<String> changedPaths = Set.of(SERVICE, ADDED, deleted, renamedFrom, renamedTo, touched);
			for (String path : files1.keySet()) {
				if (!changedPaths.contains(path)) {
					assertThat(files2.get(path)).as(path).isEqualTo(files1.get(path));
				}
			}
			Map<String, List<Object>> untouched1 = byFile(chunks1, changedPaths);
			assertThat(byFile(chunks2, changedPaths)).isEqualTo(untouched1);
			assertThat(untouched1.values()).allSatisfy((row) -> assertThat(row.get(2)).isEqualTo(1L));

			// Touched (new mtime, same content): read, found unchanged, its chunks untouched.
			assertThat(files2.get(touched).subList(0, 3)).isEqualTo(files1.get(touched).subList(0, 3));
			assertThat(files2.get(touched).subList(3, 6)).containsExactly(touchedMtime, 2L, "unchanged");
			assertThat(chunkIds(chunks2, touched)).isEqualTo(chunkIds(chunks1, touched)).isNotEmpty();
			assertThat(runIds(chunks2, touched)).containsOnly(1L);

			// Deleted and renamed away: rows gone, every chunk logged as deleted by run 2.
			assertThat(files2).doesNotContainKeys(deleted, renamedFrom);
			assertThat(chunkIds(chunks2, deleted)).isEmpty();
			assertThat(chunkIds(chunks2, renamedFrom)).isEmpty();
			Set<String> expectedDeletions = new HashSet<>();
			chunkIds(chunks1, deleted).forEach((id) -> expectedDeletions.add(deleted + "|" + id));
			chunkIds(chunks1, renamedFrom).forEach((id) -> expectedDeletions.add(renamedFrom + "|" + id));

			// Renamed to: a new file; same content, so the same content hashes under new ids.
			assertThat(files2.get(renamedTo).subList(4, 6)).containsExactly(2L, "new");
			assertThat(runIds(chunks2, renamedTo)).containsOnly(2L);
			assertThat(contentHashes(chunks2, renamedTo)).isEqualTo(contentHashes(chunks1, renamedFrom));
			assertThat(files2.get(ADDED).subList(4, 6)).containsExactly(2L, "new");

			// Modified: kept definitions keep their chunk and run; the others are replaced.
			assertThat(files2.get(SERVICE).subList(4, 6)).containsExactly(2L, "changed");
			Set<String> old = chunkIds(chunks1, SERVICE);
			Set<String> now = chunkIds(chunks2, SERVICE);
			Set<String> kept = new HashSet<>(old);
			kept.retainAll(now);
			assertThat(kept).hasSize(3);
			for (List<Object> row : chunks2.values()) {
				if (row.get(0).equals(SERVICE)) {
					assertThat(row.get(2)).as(row.toString()).isEqualTo(kept.contains(row.get(1)) ? 1L : 2L);
				}
			}
			old.stream().filter((id) -> !now.contains(id)).forEach((id) -> expectedDeletions.add(SERVICE + "|" + id));
			Set<String> deletions = database.rows("SELECT file_path, chunk_id, run_id FROM chunk_deletions")
				.stream()
				.peek((row) -> assertThat(row.get(2)).isEqualTo(2L))
				.map((row) -> row.get(0) + "|" + row.get(1))
				.collect(Collectors.toSet());
			assertThat(deletions).isEqualTo(expectedDeletions);
			long inserted = chunks2.values().stream().filter((row) -> row.get(2).equals(2L)).count();
			assertThat(database.rows("SELECT files_scanned, files_new, files_changed, files_unchanged, files_deleted, "
					+ "files_failed, chunks_written, chunks_deleted FROM runs WHERE run_id = 2").get(0))
				.containsExactly((long) before, 2L, 1L, (long) before - 3, 2L, 0L, inserted, (long) expectedDeletions.size());

			// The incremental result is what a fresh index of the new tree gives.
			Digest fresh = JobTestSupport.cleanRun(db, "incremental-" + dir, tree, dir);
			Digest incremental = database.digest();
			JobTestSupport.assertSameRows(incremental, fresh);

			// An unchanged tree: nothing is read. Where permissions can be enforced, every file is made unreadable.
			Optional<List<String>> enforced = JobTestSupport.permissionsEnforcedPrefix(dir);
			List<String> all = JobTestSupport.relativeFiles(tree);
			Map<Path, Set<PosixFilePermission>> modes = new HashMap<>();
			Cli third;
			if (enforced.isPresent()) {
				for (String path : all) {
					modes.put(tree.resolve(path), Files.getPosixFilePermissions(tree.resolve(path)));
					Files.setPosixFilePermissions(tree.resolve(path), Set.of());
				}
				try {
					third = JobTestSupport.runChild(JobTestSupport.childChunker(enforced.get(), index), Duration.ofMinutes(3));
				}
				finally {
					for (Map.Entry<Path, Set<PosixFilePermission>> mode : modes.entrySet()) {
						Files.setPosixFilePermissions(mode.getKey(), mode.getValue());
					}
				}
			}
			else {
				third = chunker(index);
			}
			assertThat(third.exitCode()).as(third.all()).isZero();
			assertThat(third.out()).contains("COMPLETED run 3 of 'inc'")
				.contains(all.size() + " scanned, 0 new, 0 changed, " + all.size() + " unchanged, 0 deleted, 0 failed");
			assertThat(database.rows("SELECT files_scanned, files_unchanged, files_failed, chunks_written, chunks_deleted "
					+ "FROM runs WHERE run_id = 3").get(0)).containsExactly((long) all.size(), (long) all.size(), 0L, 0L, 0L);
			assertThat(database.strings("SELECT needs_work FROM file_manifest WHERE run_id = 3")).hasSize(all.size())
				.containsOnly("false");
			assertThat(database.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION s JOIN runs r ON r.job_execution_id = "
					+ "s.job_execution_id WHERE r.run_id = 3 AND s.step_name LIKE 'chunkFilesWorker:%'")).isZero();
			assertThat(files(database)).isEqualTo(files2);
			assertThat(chunks(database)).isEqualTo(chunks2);
			assertThat(database.count("SELECT COUNT(*) FROM file_errors")).isZero();
		}
	}

	/** Files by path: path, file_id, content_hash, mtime, last_run_id, last_change, size, status, chunk_count. */
	private static Map<String, List<Object>> files(TestDatabase database) {
		Map<String, List<Object>> files = new HashMap<>();
		for (List<Object> row : database.rows("SELECT path, file_id, content_hash, mtime_millis, last_run_id, last_change, "
				+ "size_bytes, status, chunk_count, rules_version FROM files")) {
			files.put((String) row.get(0), row);
		}
		return files;
	}

	/** Chunks by id: file_path, chunk_id, run_id, content_hash, ordinal, byte_start, byte_end, lines, parent. */
	private static Map<String, List<Object>> chunks(TestDatabase database) {
		Map<String, List<Object>> chunks = new HashMap<>();
		for (List<Object> row : database.rows("SELECT file_path, chunk_id, run_id, content_hash, ordinal, byte_start, "
				+ "byte_end, start_line, end_line, parent_chunk_id FROM chunks")) {
			chunks.put((String) row.get(1), row);
		}
		return chunks;
	}

	private static Map<String, List<Object>> byFile(Map<String, List<Object>> chunks, Set<String> excluded) {
		Map<String, List<Object>> result = new HashMap<>();
		chunks.forEach((id, row) -> {
			if (!excluded.contains((String) row.get(0))) {
				result.put(id, row);
			}
		});
		return result;
	}

	private static Set<String> chunkIds(Map<String, List<Object>> chunks, String path) {
		return chunks.values().stream().filter((row) -> row.get(0).equals(path)).map((row) -> (String) row.get(1))
			.collect(Collectors.toSet());
	}

	private static Set<Object> runIds(Map<String, List<Object>> chunks, String path) {
		return chunks.values().stream().filter((row) -> row.get(0).equals(path)).map((row) -> row.get(2))
			.collect(Collectors.toSet());
	}

	private static List<String> contentHashes(Map<String, List<Object>> chunks, String path) {
		List<String> hashes = new ArrayList<>(chunks.values().stream().filter((row) -> row.get(0).equals(path))
			.map((row) -> (String) row.get(3)).toList());
		hashes.sort(null);
		return hashes;
	}

}
