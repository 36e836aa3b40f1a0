package dev.chunker.store;

import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.chunker.chunk.ChunkingException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code files} table: one row per file of a repository with the state of its last run (content hash, rules
 * version, status, chunk count). Writes run in the caller's transaction, beside the file's chunk rows.
 */
public class FileDao {

	private final JdbcTemplate jdbc;

	public FileDao(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** What the database knows of each file of a repository, by path. */
	public Map<String, StoredFile> storedFiles(long repoId) {
		Map<String, StoredFile> files = new HashMap<>();
		this.jdbc.query("SELECT path, size_bytes, mtime_millis, content_hash, rules_version, status, "
				+ "stored_content_hash IS NOT NULL FROM files WHERE repo_id = ?", (ResultSet rs) -> {
					files.put(rs.getString(1), new StoredFile(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
							rs.getString(5), FileStatus.fromDb(rs.getString(6)), rs.getBoolean(7)));
				}, repoId);
		return files;
	}

	/**
	 * A file whose chunks were (re)written: its row, {@link FileStatus#INDEXED}, with its content hash and chunk count,
	 * pointing at its stored content ({@link ContentDao#store}, earlier in the same transaction).
	 * @param change {@link FileChange#NEW} or {@link FileChange#CHANGED}, as the manifest knew it
	 * @param imports the file's imports ({@link MetadataColumns#importsJson}), or null
	 */
	public void writeIndexed(long repoId, long runId, String path, String fileId, String language, long size,
			long mtimeMillis, String contentHash, String rulesVersion, FileChange change, long chunkCount,
			@Nullable String imports) {
		int chunks = (int) Math.min(Integer.MAX_VALUE, chunkCount);
		int updated = this.jdbc.update("UPDATE files SET file_id = ?, language = ?, size_bytes = ?, mtime_millis = ?, "
				+ "content_hash = ?, stored_content_hash = ?, rules_version = ?, last_run_id = ?, last_change = ?, status = ?, "
				+ "error_reason = NULL, error_message = NULL, chunk_count = ?, imports = ? WHERE repo_id = ? AND path = ?",
				fileId, language, size, mtimeMillis, contentHash, contentHash, rulesVersion, runId, change.dbValue(),
				FileStatus.INDEXED.dbValue(), chunks, imports, repoId, path);
		if (updated == 0) {
			this.jdbc.update("INSERT INTO files (repo_id, path, file_id, language, size_bytes, mtime_millis, content_hash, "
					+ "stored_content_hash, rules_version, last_run_id, last_change, status, error_reason, error_message, "
					+ "chunk_count, imports) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)", repoId, path, fileId,
					language, size, mtimeMillis, contentHash, contentHash, rulesVersion, runId, FileChange.NEW.dbValue(),
					FileStatus.INDEXED.dbValue(), chunks, imports);
		}
	}

	/**
	 * A file that could not be chunked: {@link FileStatus#FAILED} with its reason; its content hash and chunk count
	 * stay those of its earlier chunks, which are kept.
	 */
	public void writeFailed(long repoId, long runId, String path, String fileId, String language, long size,
			long mtimeMillis, String rulesVersion, ChunkingException.Reason reason, String message) {
		String stored = StoredText.truncate(message);
		int updated = this.jdbc.update("UPDATE files SET file_id = ?, language = ?, size_bytes = ?, mtime_millis = ?, "
				+ "rules_version = ?, last_run_id = ?, last_change = ?, status = ?, error_reason = ?, error_message = ? "
				+ "WHERE repo_id = ? AND path = ?", fileId, language, size, mtimeMillis, rulesVersion, runId,
				FileChange.FAILED.dbValue(), FileStatus.FAILED.dbValue(), reason.code(), stored, repoId, path);
		if (updated == 0) {
			this.jdbc.update("INSERT INTO files (repo_id, path, file_id, language, size_bytes, mtime_millis, content_hash, "
					+ "rules_version, last_run_id, last_change, status, error_reason, error_message, chunk_count) "
					+ "VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, 0)", repoId, path, fileId, language, size, mtimeMillis,
					rulesVersion, runId, FileChange.FAILED.dbValue(), FileStatus.FAILED.dbValue(), reason.code(), stored);
		}
	}

	/** A file whose content is unchanged: only its size, mtime and last run move. */
	public void touchFile(long repoId, long runId, String path, long size, long mtimeMillis) {
		this.jdbc.update("UPDATE files SET size_bytes = ?, mtime_millis = ?, last_run_id = ?, last_change = ? "
				+ "WHERE repo_id = ? AND path = ?", size, mtimeMillis, runId, FileChange.UNCHANGED.dbValue(), repoId, path);
	}

	/** The files of a repository that a run's manifest does not list (gone from the tree), in path order. */
	public List<String> filesMissingFromManifest(long repoId, long runId) {
		return this.jdbc.query("SELECT f.path FROM files f WHERE f.repo_id = ? AND NOT EXISTS "
				+ "(SELECT 1 FROM file_manifest m WHERE m.run_id = ? AND m.path = f.path) ORDER BY f.path", Rows.STRING,
				repoId, runId);
	}

	public void deleteFile(long repoId, String path) {
		this.jdbc.update("DELETE FROM files WHERE repo_id = ? AND path = ?", repoId, path);
	}

}
