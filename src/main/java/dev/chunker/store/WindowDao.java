package dev.chunker.store;

import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.chunker.pack.PackedWindow;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code windows} table of the packed view and its change feed {@code window_deletions}. A file's windows are
 * replaced as a whole (they tile the file, so one edit can shift every position after it), but a window whose id the
 * file had before keeps the run that first wrote it: the feed lists as added only ids that are new, and as deleted
 * only ids the file no longer has. Writes run in the caller's transaction.
 */
public class WindowDao {

	private static final int BATCH = 500;

	private static final int[] INSERT_TYPES = { Types.BIGINT, Types.VARCHAR, Types.INTEGER, Types.CHAR, Types.VARCHAR,
			Types.INTEGER, Types.INTEGER, Types.INTEGER, Types.INTEGER, Types.INTEGER, Types.INTEGER, Types.INTEGER,
			Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BOOLEAN, Types.VARCHAR, Types.BIGINT };

	private final JdbcTemplate jdbc;

	public WindowDao(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Replaces a file's windows by {@code windows} (in order); ids that disappear are logged as deleted.
	 * @param change {@link FileChange#NEW} for a file that had no file row: it can have no windows (they are written
	 *     in the same transaction as the file row), so none are looked up
	 */
	public void replaceFileWindows(long repoId, long runId, String filePath, FileChange change,
			List<PackedWindow> windows) {
		// The runs that wrote the file's current ids, one entry per stored row (an id may occur twice in a file).
		Map<String, List<Long>> stored = new HashMap<>();
		if (change != FileChange.NEW) {
			this.jdbc.query("SELECT window_id, run_id FROM windows WHERE repo_id = ? AND file_path = ? ORDER BY window_index",
					(ResultSet rs) -> {
						stored.computeIfAbsent(rs.getString(1), (id) -> new ArrayList<>()).add(rs.getLong(2));
					}, repoId, filePath);
		}
		if (!stored.isEmpty()) {
			this.jdbc.update("DELETE FROM windows WHERE repo_id = ? AND file_path = ?", repoId, filePath);
		}
		List<Object[]> rows = new ArrayList<>(windows.size());
		for (PackedWindow w : windows) {
			List<Long> runs = stored.get(w.windowId());
			long writtenBy = (runs != null && !runs.isEmpty()) ? runs.remove(0) : runId;
			rows.add(new Object[] { repoId, filePath, w.windowIndex(), w.windowId(), w.language(), w.byteStart(),
					w.byteEnd(), w.startLine(), w.endLine(), w.nwsSize(), w.tokenCount(), w.budget(), w.unit(),
					w.encoding(), w.algorithm(), w.overBudget(), StoredText.storable(w.header()), writtenBy });
		}
		for (int from = 0; from < rows.size(); from += BATCH) {
			this.jdbc.batchUpdate("INSERT INTO windows (repo_id, file_path, window_index, window_id, language, byte_start, "
					+ "byte_end, start_line, end_line, nws_size, token_count, budget, unit, encoding, algorithm, over_budget, "
					+ "header, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
					rows.subList(from, Math.min(rows.size(), from + BATCH)), INSERT_TYPES);
		}
		java.util.Set<String> kept = new java.util.HashSet<>();
		windows.forEach((w) -> kept.add(w.windowId()));
		logDeleted(repoId, runId, filePath, stored.keySet().stream().filter((id) -> !kept.contains(id)).sorted().toList());
	}

	/**
	 * Deletes (and logs) all windows of a file: the file is gone, or it no longer gets windows (too large for the
	 * packed view, or the view was turned off).
	 * @return the rows deleted
	 */
	public int deleteFileWindows(long repoId, long runId, String filePath) {
		List<String> ids = this.jdbc.query("SELECT window_id FROM windows WHERE repo_id = ? AND file_path = ?", Rows.STRING,
				repoId, filePath);
		if (ids.isEmpty()) {
			return 0;
		}
		this.jdbc.update("DELETE FROM windows WHERE repo_id = ? AND file_path = ?", repoId, filePath);
		logDeleted(repoId, runId, filePath, ids.stream().distinct().sorted().toList());
		return ids.size();
	}

	/** The files of a repository that have windows. */
	public List<String> filesWithWindows(long repoId) {
		return this.jdbc.query("SELECT DISTINCT file_path FROM windows WHERE repo_id = ? ORDER BY file_path", Rows.STRING,
				repoId);
	}

	/** Window rows of a repository. */
	public long count(long repoId) {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM windows WHERE repo_id = ?", Long.class, repoId);
		return (count != null) ? count : 0;
	}

	/** Window rows of a repository over their budget (each a single line too long to split). */
	public long overBudget(long repoId) {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM windows WHERE repo_id = ? AND over_budget", Long.class,
				repoId);
		return (count != null) ? count : 0;
	}

	private void logDeleted(long repoId, long runId, String filePath, List<String> ids) {
		if (ids.isEmpty()) {
			return;
		}
		List<Object[]> logged = ids.stream().map((id) -> new Object[] { repoId, id, filePath, runId }).toList();
		this.jdbc.batchUpdate("INSERT INTO window_deletions (repo_id, window_id, file_path, run_id) VALUES (?, ?, ?, ?)",
				logged);
	}

}
