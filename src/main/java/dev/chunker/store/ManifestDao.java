package dev.chunker.store;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code file_manifest} table: the files a run works on, written by its scan and read by its partitions. */
public class ManifestDao {

	private static final int BATCH = 500;

	private final JdbcTemplate jdbc;

	public ManifestDao(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Replaces the run's manifest (a scan that runs again writes the same rows). */
	public void replaceManifest(long runId, List<ManifestEntry> entries) {
		this.jdbc.update("DELETE FROM file_manifest WHERE run_id = ?", runId);
		for (int from = 0; from < entries.size(); from += BATCH) {
			List<ManifestEntry> batch = entries.subList(from, Math.min(entries.size(), from + BATCH));
			this.jdbc.batchUpdate("INSERT INTO file_manifest (run_id, partition_no, ordinal, path, language, size_bytes, "
					+ "mtime_millis, needs_work, was_stored, reusable_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch,
					batch.size(), (ps, e) -> {
						ps.setLong(1, runId);
						ps.setInt(2, e.partition());
						ps.setInt(3, e.ordinal());
						ps.setString(4, e.path());
						ps.setString(5, e.language());
						ps.setLong(6, e.size());
						ps.setLong(7, e.mtimeMillis());
						ps.setBoolean(8, e.needsWork());
						ps.setBoolean(9, e.wasStored());
						ps.setString(10, e.reusableHash());
					});
		}
	}

	/** Partitions of a run that have work, in order. */
	public List<Integer> manifestPartitions(long runId) {
		return this.jdbc.query("SELECT DISTINCT partition_no FROM file_manifest WHERE run_id = ? AND needs_work "
				+ "ORDER BY partition_no", Rows.INT, runId);
	}

	/** The files of one partition that need work, in order. */
	public List<ManifestEntry> manifestPartition(long runId, int partition) {
		return this.jdbc.query("SELECT partition_no, ordinal, path, language, size_bytes, mtime_millis, needs_work, "
				+ "was_stored, reusable_hash FROM file_manifest WHERE run_id = ? AND partition_no = ? AND needs_work "
				+ "ORDER BY ordinal",
				(rs, i) -> new ManifestEntry(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getLong(5),
						rs.getLong(6), rs.getBoolean(7), rs.getBoolean(8), rs.getString(9)),
				runId, partition);
	}

	/**
	 * How many of a partition's files, from its first on, have their row written by this run (committed): where a
	 * restart of the partition may resume at the latest.
	 */
	public int committedPrefix(long repoId, long runId, int partition) {
		List<Boolean> written = this.jdbc.query("SELECT CASE WHEN f.last_run_id = m.run_id THEN 1 ELSE 0 END "
				+ "FROM file_manifest m LEFT JOIN files f ON f.repo_id = ? AND f.path = m.path "
				+ "WHERE m.run_id = ? AND m.partition_no = ? AND m.needs_work ORDER BY m.ordinal",
				(rs, i) -> rs.getInt(1) == 1, repoId, runId, partition);
		int prefix = 0;
		while (prefix < written.size() && written.get(prefix)) {
			prefix++;
		}
		return prefix;
	}

}
