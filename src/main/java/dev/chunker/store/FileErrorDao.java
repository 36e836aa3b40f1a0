package dev.chunker.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import dev.chunker.chunk.ChunkingException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code file_errors} table: the files a run could not index, with their reasons. */
public class FileErrorDao {

	private final JdbcTemplate jdbc;

	public FileErrorDao(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void recordError(long runId, long repoId, String path, ChunkingException.Reason reason, String message) {
		this.jdbc.update("INSERT INTO file_errors (run_id, repo_id, path, reason, message, occurred_at) VALUES (?, ?, ?, ?, ?, ?)",
				runId, repoId, path, reason.code(), StoredText.truncate(message), Timestamp.from(Instant.now()));
	}

	/** Forgets a run's errors, so a scan that runs again records each once. */
	public void clearErrors(long runId) {
		this.jdbc.update("DELETE FROM file_errors WHERE run_id = ?", runId);
	}

	public List<FileError> errors(long runId) {
		return this.jdbc.query("SELECT path, reason, message FROM file_errors WHERE run_id = ? ORDER BY path, error_id",
				(rs, i) -> new FileError(rs.getString(1), rs.getString(2), rs.getString(3)), runId);
	}

}
