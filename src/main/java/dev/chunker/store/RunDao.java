package dev.chunker.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** The {@code runs} table: a run's status (mirroring its job execution) and, once finalized, its summary. */
public class RunDao {

	private static final String RUN_SELECT = "SELECT r.run_id, r.repo_id, p.name, p.root_path, r.job_execution_id, r.status, "
			+ "r.started_at, r.ended_at, r.files_scanned, r.files_new, r.files_changed, r.files_unchanged, r.files_deleted, "
			+ "r.files_failed, r.chunks_written, r.chunks_deleted, r.bytes_scanned FROM runs r JOIN repositories p ON p.repo_id = r.repo_id";

	private static final RowMapper<RunRecord> RUN_MAPPER = (rs, i) -> new RunRecord(rs.getLong(1), rs.getLong(2),
			rs.getString(3), rs.getString(4), rs.getObject(5, Long.class), RunStatus.fromDb(rs.getString(6)),
			instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)),
			new RunSummary(rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getLong(14),
					rs.getLong(15), rs.getLong(16), rs.getLong(17)));

	private final JdbcTemplate jdbc;

	public RunDao(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A new run of a repository, {@link RunStatus#STARTING} until its job execution starts. */
	public long createRun(long repoId) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.update((con) -> {
			PreparedStatement ps = con.prepareStatement("INSERT INTO runs (repo_id, status, started_at) VALUES (?, ?, ?)",
					new String[] { "run_id" });
			ps.setLong(1, repoId);
			ps.setString(2, RunStatus.STARTING.dbValue());
			ps.setTimestamp(3, Timestamp.from(Instant.now()));
			return ps;
		}, keys);
		return Objects.requireNonNull(keys.getKey(), "no generated run_id").longValue();
	}

	/** A job execution of the run started (the first one or a restart). */
	public void startRun(long runId, long jobExecutionId) {
		this.jdbc.update("UPDATE runs SET job_execution_id = ?, status = ?, ended_at = NULL WHERE run_id = ?",
				jobExecutionId, RunStatus.STARTED.dbValue(), runId);
	}

	public void setRunStatus(long runId, RunStatus status) {
		this.jdbc.update("UPDATE runs SET status = ?, ended_at = ? WHERE run_id = ?", status.dbValue(),
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

	/** The latest runs, newest first, of one repository or of all when {@code repoName} is null. */
	public List<RunRecord> runs(@Nullable String repoName, int limit) {
		if (repoName != null) {
			return this.jdbc.query(RUN_SELECT + " WHERE p.name = ? ORDER BY r.run_id DESC LIMIT ?", RUN_MAPPER, repoName, limit);
		}
		return this.jdbc.query(RUN_SELECT + " ORDER BY r.run_id DESC LIMIT ?", RUN_MAPPER, limit);
	}

	/** One page of runs, newest first, of one repository or of all when {@code repoId} is null. */
	public List<RunRecord> runs(@Nullable Long repoId, long offset, int limit) {
		if (repoId != null) {
			return this.jdbc.query(RUN_SELECT + " WHERE r.repo_id = ? ORDER BY r.run_id DESC LIMIT ? OFFSET ?", RUN_MAPPER,
					repoId, limit, offset);
		}
		return this.jdbc.query(RUN_SELECT + " ORDER BY r.run_id DESC LIMIT ? OFFSET ?", RUN_MAPPER, limit, offset);
	}

	/**
	 * Computes the run's summary from its manifest, files, errors and chunk rows, and stores it.
	 * @param filesDeleted file rows the run removed (they are gone, so they cannot be counted afterwards)
	 */
	public RunSummary summarize(long repoId, long runId, long filesDeleted) {
		// One pass over the run's manifest: files listed, their bytes, and those unchanged by size and mtime.
		long[] manifest = Objects.requireNonNull(this.jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(size_bytes), 0), "
				+ "COALESCE(SUM(CASE WHEN needs_work THEN 0 ELSE 1 END), 0) FROM file_manifest WHERE run_id = ?",
				(rs, i) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) }, runId), "an aggregate gives a row");
		long scanned = manifest[0];
		long bytes = manifest[1];
		long unchangedByStat = manifest[2];
		Map<FileChange, Long> changes = new EnumMap<>(FileChange.class);
		this.jdbc.query("SELECT last_change, COUNT(*) FROM files WHERE repo_id = ? AND last_run_id = ? GROUP BY last_change",
				(ResultSet rs) -> {
					changes.put(FileChange.fromDb(rs.getString(1)), rs.getLong(2));
				}, repoId, runId);
		long failed = count("SELECT COUNT(DISTINCT path) FROM file_errors WHERE run_id = ?", runId);
		long written = count("SELECT COUNT(*) FROM chunks WHERE repo_id = ? AND run_id = ?", repoId, runId);
		long deleted = count("SELECT COUNT(*) FROM chunk_deletions WHERE repo_id = ? AND run_id = ?", repoId, runId);
		RunSummary summary = new RunSummary(scanned, changes.getOrDefault(FileChange.NEW, 0L),
				changes.getOrDefault(FileChange.CHANGED, 0L), unchangedByStat + changes.getOrDefault(FileChange.UNCHANGED, 0L),
				filesDeleted, failed, written, deleted, bytes);
		this.jdbc.update("UPDATE runs SET files_scanned = ?, files_new = ?, files_changed = ?, files_unchanged = ?, "
				+ "files_deleted = ?, files_failed = ?, chunks_written = ?, chunks_deleted = ?, bytes_scanned = ? WHERE run_id = ?",
				summary.filesScanned(), summary.filesNew(), summary.filesChanged(), summary.filesUnchanged(),
				summary.filesDeleted(), summary.filesFailed(), summary.chunksWritten(), summary.chunksDeleted(),
				summary.bytesScanned(), runId);
		return summary;
	}

	private long count(String sql, Object... args) {
		Long value = this.jdbc.queryForObject(sql, Long.class, args);
		return (value != null) ? value : 0;
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
