package dev.chunker.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.chunker.chunk.CodeChunk;
import dev.chunker.chunk.FileChunks;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * JDBC access to the index tables (repositories, runs, files, chunks, manifest, errors). Plain standard SQL that
 * runs unchanged on H2 and PostgreSQL. Methods that write are meant to run inside the caller's transaction.
 */
public class IndexStore {

	private static final int BATCH = 500;

	private final JdbcTemplate jdbc;

	public IndexStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public JdbcTemplate jdbc() {
		return this.jdbc;
	}

	// ---- repositories and runs

	/** The id of the repository named {@code name}, created (or its root updated) as needed. */
	public long upsertRepository(String name, String rootPath) {
		List<Long> ids = this.jdbc.queryForList("SELECT repo_id FROM repositories WHERE name = ?", Long.class, name);
		if (!ids.isEmpty()) {
			this.jdbc.update("UPDATE repositories SET root_path = ? WHERE repo_id = ?", rootPath, ids.get(0));
			return ids.get(0);
		}
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.update((con) -> {
			PreparedStatement ps = con.prepareStatement(
					"INSERT INTO repositories (name, root_path, created_at) VALUES (?, ?, ?)", new String[] { "repo_id" });
			ps.setString(1, name);
			ps.setString(2, rootPath);
			ps.setTimestamp(3, Timestamp.from(Instant.now()));
			return ps;
		}, keys);
		return keys.getKey().longValue();
	}

	public Optional<Long> repositoryId(String name) {
		return this.jdbc.queryForList("SELECT repo_id FROM repositories WHERE name = ?", Long.class, name).stream().findFirst();
	}

	public long createRun(long repoId) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.update((con) -> {
			PreparedStatement ps = con.prepareStatement(
					"INSERT INTO runs (repo_id, status, started_at) VALUES (?, 'STARTING', ?)", new String[] { "run_id" });
			ps.setLong(1, repoId);
			ps.setTimestamp(2, Timestamp.from(Instant.now()));
			return ps;
		}, keys);
		return keys.getKey().longValue();
	}

	public void startRun(long runId, long jobExecutionId) {
		this.jdbc.update("UPDATE runs SET job_execution_id = ?, status = 'STARTED', ended_at = NULL WHERE run_id = ?",
				jobExecutionId, runId);
	}

	public void setRunStatus(long runId, String status) {
		this.jdbc.update("UPDATE runs SET status = ?, ended_at = ? WHERE run_id = ?", status,
				Timestamp.from(Instant.now()), runId);
	}

	public Optional<RunRecord> lastRun(long repoId) {
		return this.jdbc.query(RUN_SELECT + " WHERE r.repo_id = ? ORDER BY r.run_id DESC LIMIT 1", RUN_MAPPER, repoId)
			.stream()
			.findFirst();
	}

	public Optional<RunRecord> run(long runId) {
		return this.jdbc.query(RUN_SELECT + " WHERE r.run_id = ?", RUN_MAPPER, runId).stream().findFirst();
	}

	public Optional<RunRecord> runByExecution(long jobExecutionId) {
		return this.jdbc.query(RUN_SELECT + " WHERE r.job_execution_id = ?", RUN_MAPPER, jobExecutionId).stream().findFirst();
	}

	public List<RunRecord> runs(@Nullable String repoName, int limit) {
		if (repoName != null) {
			return this.jdbc.query(RUN_SELECT + " WHERE p.name = ? ORDER BY r.run_id DESC LIMIT ?", RUN_MAPPER, repoName, limit);
		}
		return this.jdbc.query(RUN_SELECT + " ORDER BY r.run_id DESC LIMIT ?", RUN_MAPPER, limit);
	}

	private static final String RUN_SELECT = "SELECT r.run_id, r.repo_id, p.name, p.root_path, r.job_execution_id, r.status, "
			+ "r.started_at, r.ended_at, r.files_scanned, r.files_new, r.files_changed, r.files_unchanged, r.files_deleted, "
			+ "r.files_failed, r.chunks_written, r.chunks_deleted, r.bytes_scanned FROM runs r JOIN repositories p ON p.repo_id = r.repo_id";

	private static final org.springframework.jdbc.core.RowMapper<RunRecord> RUN_MAPPER = (rs, i) -> new RunRecord(
			rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), (Long) rs.getObject(5, Long.class),
			rs.getString(6), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)),
			new RunSummary(rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getLong(14),
					rs.getLong(15), rs.getLong(16), rs.getLong(17)));

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	// ---- stored files

	public Map<String, StoredFile> storedFiles(long repoId) {
		Map<String, StoredFile> files = new HashMap<>();
		this.jdbc.query("SELECT path, size_bytes, mtime_millis, content_hash, rules_version, status FROM files WHERE repo_id = ?",
				(ResultSet rs) -> {
					files.put(rs.getString(1), new StoredFile(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
							rs.getString(5), rs.getString(6)));
				}, repoId);
		return files;
	}

	public Optional<StoredFile> storedFile(long repoId, String path) {
		return this.jdbc.query(
				"SELECT path, size_bytes, mtime_millis, content_hash, rules_version, status FROM files WHERE repo_id = ? AND path = ?",
				(rs, i) -> new StoredFile(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
						rs.getString(6)),
				repoId, path)
			.stream()
			.findFirst();
	}

	// ---- manifest

	public void replaceManifest(long runId, List<ManifestEntry> entries) {
		this.jdbc.update("DELETE FROM file_manifest WHERE run_id = ?", runId);
		for (int from = 0; from < entries.size(); from += BATCH) {
			List<ManifestEntry> batch = entries.subList(from, Math.min(entries.size(), from + BATCH));
			this.jdbc.batchUpdate("INSERT INTO file_manifest (run_id, partition_no, ordinal, path, language, size_bytes, "
					+ "mtime_millis, needs_work) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", batch, batch.size(), (ps, e) -> {
						ps.setLong(1, runId);
						ps.setInt(2, e.partition());
						ps.setInt(3, e.ordinal());
						ps.setString(4, e.path());
						ps.setString(5, e.language());
						ps.setLong(6, e.size());
						ps.setLong(7, e.mtimeMillis());
						ps.setBoolean(8, e.needsWork());
					});
		}
	}

	/** Partitions of a run that have work, in order. */
	public List<Integer> manifestPartitions(long runId) {
		return this.jdbc.queryForList("SELECT DISTINCT partition_no FROM file_manifest WHERE run_id = ? AND needs_work "
				+ "ORDER BY partition_no", Integer.class, runId);
	}

	public List<ManifestEntry> manifestPartition(long runId, int partition) {
		return this.jdbc.query("SELECT partition_no, ordinal, path, language, size_bytes, mtime_millis, needs_work "
				+ "FROM file_manifest WHERE run_id = ? AND partition_no = ? AND needs_work ORDER BY ordinal",
				(rs, i) -> new ManifestEntry(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getLong(5),
						rs.getLong(6), rs.getBoolean(7)),
				runId, partition);
	}

	/** A file's change kind (persisted as {@code files.last_change}): no file row was stored before. */
	public static final String NEW = "new";

	/** A file's change kind: a file row was stored before and the content or rules differ. */
	public static final String CHANGED = "changed";

	// ---- writes of one file (in the chunk transaction)

	/**
	 * Stores a chunked file: upserts its row, inserts and deletes exactly the chunk rows whose id changed, and
	 * updates the place (lines, bytes, parent, ordinal) of kept rows that moved.
	 */
	public FileWrite writeChunks(long repoId, long runId, FileChunks file, long mtimeMillis, String rulesVersion,
			String change) {
		upsertFile(repoId, runId, file.filePath(), file.fileId(), file.language(), file.sizeBytes(), mtimeMillis,
				file.contentHash(), rulesVersion, change, "indexed", null, null, file.chunks().size());
		Map<String, Placement> existing = new HashMap<>();
		if (NEW.equals(change)) {
			// No file row was stored, and a file row is written in the same transaction as its chunk rows, so there
			// are none to compare with: the first run of a large tree skips a lookup per file.
			insertChunks(repoId, runId, file.chunks(), null);
			return new FileWrite(file.chunks().size(), 0);
		}
		this.jdbc.query("SELECT chunk_id, ordinal, start_line, end_line, byte_start, byte_end, parent_chunk_id, has_error "
				+ "FROM chunks WHERE repo_id = ? AND file_path = ?", (ResultSet rs) -> {
					existing.put(rs.getString(1), new Placement(rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
							rs.getInt(6), rs.getString(7), rs.getBoolean(8)));
				}, repoId, file.filePath());
		Set<String> wanted = new HashSet<>();
		List<CodeChunk> inserts = new ArrayList<>();
		List<Integer> ordinals = new ArrayList<>();
		List<Object[]> moves = new ArrayList<>();
		for (int i = 0; i < file.chunks().size(); i++) {
			CodeChunk chunk = file.chunks().get(i);
			wanted.add(chunk.chunkId());
			Placement stored = existing.get(chunk.chunkId());
			if (stored == null) {
				inserts.add(chunk);
				ordinals.add(i);
				continue;
			}
			// Same content, same id: the row stays (and keeps its run), but an edit elsewhere in the file may have
			// moved it or replaced its parent chunk.
			Placement now = new Placement(i, chunk.startLine(), chunk.endLine(), chunk.byteStart(), chunk.byteEnd(),
					chunk.parentChunkId(), chunk.hasError());
			if (!now.equals(stored)) {
				moves.add(new Object[] { i, chunk.startLine(), chunk.endLine(), chunk.byteStart(), chunk.byteEnd(),
						chunk.parentChunkId(), chunk.hasError(), repoId, chunk.chunkId() });
			}
		}
		List<String> deletes = existing.keySet().stream().filter((id) -> !wanted.contains(id)).sorted().toList();
		deleteChunks(repoId, runId, file.filePath(), deletes);
		insertChunks(repoId, runId, inserts, ordinals);
		if (!moves.isEmpty()) {
			this.jdbc.batchUpdate("UPDATE chunks SET ordinal = ?, start_line = ?, end_line = ?, byte_start = ?, byte_end = ?, "
					+ "parent_chunk_id = ?, has_error = ? WHERE repo_id = ? AND chunk_id = ?", moves, MOVE_TYPES);
		}
		return new FileWrite(inserts.size(), deletes.size());
	}

	/**
	 * Starts replacing a huge file's chunks on the streaming path: all its chunk rows are deleted (and logged), the
	 * new ones follow in batches.
	 */
	public void startStreamedFile(long repoId, long runId, String path, String change) {
		if (NEW.equals(change)) {
			return;
		}
		List<String> ids = this.jdbc.queryForList("SELECT chunk_id FROM chunks WHERE repo_id = ? AND file_path = ?",
				String.class, repoId, path);
		deleteChunks(repoId, runId, path, ids);
	}

	/** Inserts one batch of a streamed file's chunks. */
	public void insertChunkBatch(long repoId, long runId, List<CodeChunk> chunks, int firstOrdinal) {
		List<Integer> ordinals = new ArrayList<>(chunks.size());
		for (int i = 0; i < chunks.size(); i++) {
			ordinals.add(firstOrdinal + i);
		}
		insertChunks(repoId, runId, chunks, ordinals);
	}

	/** Completes a streamed file: its file row. */
	public void finishStreamedFile(long repoId, long runId, dev.chunker.chunk.FileChunker.StreamedFile file,
			long mtimeMillis, String rulesVersion, String change) {
		upsertFile(repoId, runId, file.filePath(), file.fileId(), file.language(), file.size(), mtimeMillis,
				file.contentHash(), rulesVersion, change, "indexed", null, null, (int) Math.min(Integer.MAX_VALUE, file.chunkCount()));
	}

	/** A file whose content is unchanged: only its size, mtime and last run move. */
	public void touchFile(long repoId, long runId, String path, long size, long mtimeMillis) {
		this.jdbc.update("UPDATE files SET size_bytes = ?, mtime_millis = ?, last_run_id = ?, last_change = 'unchanged' "
				+ "WHERE repo_id = ? AND path = ?", size, mtimeMillis, runId, repoId, path);
	}

	/** A file that could not be chunked: recorded with its reason; its earlier chunks are kept. */
	public void writeFailure(long repoId, long runId, String path, String fileId, String language, long size,
			long mtimeMillis, String rulesVersion, String reason, String message) {
		upsertFile(repoId, runId, path, fileId, language, size, mtimeMillis, null, rulesVersion, "failed", "failed",
				reason, message, -1);
		recordError(runId, repoId, path, reason, message);
	}

	public void recordError(long runId, long repoId, String path, String reason, String message) {
		this.jdbc.update("INSERT INTO file_errors (run_id, repo_id, path, reason, message, occurred_at) VALUES (?, ?, ?, ?, ?, ?)",
				runId, repoId, path, reason, truncate(message, 2000), Timestamp.from(Instant.now()));
	}

	private void upsertFile(long repoId, long runId, String path, String fileId, String language, long size,
			long mtimeMillis, @Nullable String contentHash, String rulesVersion, String change, String status,
			@Nullable String reason, @Nullable String message, int chunkCount) {
		String chunkCountSql = (chunkCount >= 0) ? "?" : "chunk_count";
		List<Object> args = new ArrayList<>(List.of(fileId, language, size, mtimeMillis));
		args.add(contentHash);
		args.addAll(List.of(rulesVersion, runId, change, status));
		args.add(reason);
		args.add((message != null) ? truncate(message, 2000) : null);
		if (chunkCount >= 0) {
			args.add(chunkCount);
		}
		args.add(repoId);
		args.add(path);
		int updated = this.jdbc.update("UPDATE files SET file_id = ?, language = ?, size_bytes = ?, mtime_millis = ?, "
				+ "content_hash = COALESCE(?, content_hash), rules_version = ?, last_run_id = ?, last_change = ?, status = ?, "
				+ "error_reason = ?, error_message = ?, chunk_count = " + chunkCountSql + " WHERE repo_id = ? AND path = ?",
				args.toArray());
		if (updated == 0) {
			this.jdbc.update("INSERT INTO files (repo_id, path, file_id, language, size_bytes, mtime_millis, content_hash, "
					+ "rules_version, last_run_id, last_change, status, error_reason, error_message, chunk_count) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", repoId, path, fileId, language, size, mtimeMillis,
					contentHash, rulesVersion, runId, change.equals("failed") ? "failed" : "new", status, reason,
					(message != null) ? truncate(message, 2000) : null, Math.max(chunkCount, 0));
		}
	}

	/** Inserts chunk rows; their ordinals are their positions in the list when {@code ordinals} is null. */
	private void insertChunks(long repoId, long runId, List<CodeChunk> chunks, @Nullable List<Integer> ordinals) {
		for (int from = 0; from < chunks.size(); from += BATCH) {
			int to = Math.min(chunks.size(), from + BATCH);
			List<Object[]> rows = new ArrayList<>();
			for (int i = from; i < to; i++) {
				CodeChunk c = chunks.get(i);
				rows.add(new Object[] { repoId, c.chunkId(), c.filePath(), c.fileId(), c.language(), c.nodeType(),
						c.name(), c.qualifiedName(), c.parentChunkId(), c.startLine(), c.endLine(), c.byteStart(), c.byteEnd(),
						storable(c.content()), c.definitionId(), c.contentHash(), c.hasError(), c.partIndex(), c.partCount(),
						(ordinals != null) ? ordinals.get(i) : i, runId });
			}
			this.jdbc.batchUpdate("INSERT INTO chunks (repo_id, chunk_id, file_path, file_id, language, node_type, name, "
					+ "qualified_name, parent_chunk_id, start_line, end_line, byte_start, byte_end, content, definition_id, "
					+ "content_hash, has_error, part_index, part_count, ordinal, run_id) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows, ARG_TYPES);
		}
	}

	/**
	 * Chunk content as stored: a NUL character (a NUL byte past the first 8 KiB does not make a file binary) becomes
	 * U+FFFD, since PostgreSQL's text types refuse U+0000; H2 stores the same, so both hold the same rows.
	 */
	static String storable(String content) {
		return (content.indexOf('\0') < 0) ? content : content.replace('\0', '\uFFFD');
	}

	private static final int[] ARG_TYPES = { Types.BIGINT, Types.CHAR, Types.VARCHAR, Types.CHAR, Types.VARCHAR,
			Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.CHAR, Types.INTEGER, Types.INTEGER, Types.INTEGER,
			Types.INTEGER, Types.VARCHAR, Types.CHAR, Types.CHAR, Types.BOOLEAN, Types.INTEGER, Types.INTEGER,
			Types.INTEGER, Types.BIGINT };

	private void deleteChunks(long repoId, long runId, String path, List<String> chunkIds) {
		if (chunkIds.isEmpty()) {
			return;
		}
		List<Object[]> rows = chunkIds.stream().map((id) -> new Object[] { repoId, id }).toList();
		this.jdbc.batchUpdate("DELETE FROM chunks WHERE repo_id = ? AND chunk_id = ?", rows);
		List<Object[]> logged = chunkIds.stream().map((id) -> new Object[] { repoId, id, path, runId }).toList();
		this.jdbc.batchUpdate("INSERT INTO chunk_deletions (repo_id, chunk_id, file_path, run_id) VALUES (?, ?, ?, ?)", logged);
	}

	// ---- finishing a run

	/** Removes files (and their chunks) that this run's scan no longer found; returns files and chunks removed. */
	public FileWrite deleteMissingFiles(long repoId, long runId) {
		List<String> gone = this.jdbc.queryForList("SELECT f.path FROM files f WHERE f.repo_id = ? AND NOT EXISTS "
				+ "(SELECT 1 FROM file_manifest m WHERE m.run_id = ? AND m.path = f.path) ORDER BY f.path", String.class,
				repoId, runId);
		int chunks = 0;
		for (String path : gone) {
			List<String> ids = this.jdbc.queryForList("SELECT chunk_id FROM chunks WHERE repo_id = ? AND file_path = ?",
					String.class, repoId, path);
			deleteChunks(repoId, runId, path, ids);
			chunks += ids.size();
			this.jdbc.update("DELETE FROM files WHERE repo_id = ? AND path = ?", repoId, path);
		}
		return new FileWrite(gone.size(), chunks);
	}

	/** Computes and stores the run's summary. */
	public RunSummary summarize(long repoId, long runId, long deletedFiles, long deletedChunks) {
		long scanned = count("SELECT COUNT(*) FROM file_manifest WHERE run_id = ?", runId);
		long bytes = count("SELECT COALESCE(SUM(size_bytes), 0) FROM file_manifest WHERE run_id = ?", runId);
		long unchangedByStat = count("SELECT COUNT(*) FROM file_manifest WHERE run_id = ? AND NOT needs_work", runId);
		Map<String, Long> changes = new HashMap<>();
		this.jdbc.query("SELECT last_change, COUNT(*) FROM files WHERE repo_id = ? AND last_run_id = ? GROUP BY last_change",
				(ResultSet rs) -> {
					changes.put(rs.getString(1), rs.getLong(2));
				}, repoId, runId);
		long failed = count("SELECT COUNT(DISTINCT path) FROM file_errors WHERE run_id = ?", runId);
		long written = count("SELECT COUNT(*) FROM chunks WHERE repo_id = ? AND run_id = ?", repoId, runId);
		long deleted = count("SELECT COUNT(*) FROM chunk_deletions WHERE repo_id = ? AND run_id = ?", repoId, runId);
		RunSummary summary = new RunSummary(scanned, changes.getOrDefault("new", 0L), changes.getOrDefault("changed", 0L),
				unchangedByStat + changes.getOrDefault("unchanged", 0L), deletedFiles, failed, written, deleted, bytes);
		this.jdbc.update("UPDATE runs SET files_scanned = ?, files_new = ?, files_changed = ?, files_unchanged = ?, "
				+ "files_deleted = ?, files_failed = ?, chunks_written = ?, chunks_deleted = ?, bytes_scanned = ? WHERE run_id = ?",
				summary.filesScanned(), summary.filesNew(), summary.filesChanged(), summary.filesUnchanged(),
				summary.filesDeleted(), summary.filesFailed(), summary.chunksWritten(), summary.chunksDeleted(),
				summary.bytesScanned(), runId);
		return summary;
	}

	public List<FileError> errors(long runId) {
		return this.jdbc.query("SELECT path, reason, message FROM file_errors WHERE run_id = ? ORDER BY path, error_id",
				(rs, i) -> new FileError(rs.getString(1), rs.getString(2), rs.getString(3)), runId);
	}

	public Map<String, Long> chunksPerLanguage(long repoId) {
		Map<String, Long> result = new java.util.TreeMap<>();
		this.jdbc.query("SELECT language, COUNT(*) FROM chunks WHERE repo_id = ? GROUP BY language", (ResultSet rs) -> {
			result.put(rs.getString(1), rs.getLong(2));
		}, repoId);
		return result;
	}

	private long count(String sql, Object... args) {
		Long value = this.jdbc.queryForObject(sql, Long.class, args);
		return (value != null) ? value : 0;
	}

	private static String truncate(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max);
	}

	private static final int[] MOVE_TYPES = { Types.INTEGER, Types.INTEGER, Types.INTEGER, Types.INTEGER, Types.INTEGER,
			Types.CHAR, Types.BOOLEAN, Types.BIGINT, Types.CHAR };

	/** Where a stored chunk sits in its file: what an edit elsewhere in the file changes while its id stays. */
	private record Placement(int ordinal, int startLine, int endLine, int byteStart, int byteEnd,
			@Nullable String parentChunkId, boolean hasError) {
	}

	/**
	 * Rows changed by one file's write.
	 * @param inserted chunks inserted (or files removed)
	 * @param deleted chunks deleted
	 */
	public record FileWrite(int inserted, int deleted) {
	}

	/**
	 * One recorded failure.
	 * @param path the file
	 * @param reason the reason code
	 * @param message the explanation
	 */
	public record FileError(String path, String reason, String message) {
	}


}
