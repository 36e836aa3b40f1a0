package dev.chunker.query;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.chunker.store.RunDao;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;

/** Reads the repositories of the index, their runs (with the files a run could not chunk) and their files. */
public final class RepositoryQueries {

	private static final String REPO_SELECT = "SELECT p.name, p.root_path, p.created_at, "
			+ "(SELECT MAX(x.run_id) FROM runs x WHERE x.repo_id = p.repo_id), "
			+ "(SELECT y.status FROM runs y WHERE y.run_id = (SELECT MAX(x.run_id) FROM runs x WHERE x.repo_id = p.repo_id)), "
			+ "(SELECT COUNT(*) FROM files f WHERE f.repo_id = p.repo_id), "
			+ "(SELECT COUNT(*) FROM chunks c WHERE c.repo_id = p.repo_id) FROM repositories p";

	private static final RowMapper<RepoInfo> REPO_MAPPER = (rs, i) -> new RepoInfo(rs.getString(1), rs.getString(2),
			instant(rs.getTimestamp(3)), rs.getObject(4, Long.class), rs.getString(5), rs.getLong(6), rs.getLong(7));

	private static final String FILE_SELECT = "SELECT p.name, f.path, f.file_id, f.language, f.size_bytes, "
			+ "f.mtime_millis, f.content_hash, f.last_run_id, f.last_change, f.status, f.error_reason, f.error_message, "
			+ "f.chunk_count FROM files f JOIN repositories p ON p.repo_id = f.repo_id";

	private static final RowMapper<FileInfo> FILE_MAPPER = (rs, i) -> new FileInfo(rs.getString(1), rs.getString(2),
			rs.getString(3), rs.getString(4), rs.getLong(5), Instant.ofEpochMilli(rs.getLong(6)), rs.getString(7),
			rs.getLong(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getInt(13));

	private final QueryDatabase db;

	/** Runs are read as the job writes them: one query and row mapping, the store's. */
	private final RunDao runs;

	RepositoryQueries(QueryDatabase db) {
		this.db = db;
		this.runs = new RunDao(db.jdbc());
	}

	// ---- repositories

	public List<RepoInfo> repos(long offset, int limit) {
		return this.db.jdbc().query(REPO_SELECT + " ORDER BY p.name LIMIT ? OFFSET ?", REPO_MAPPER, limit, offset);
	}

	public long countRepos() {
		return this.db.count("SELECT COUNT(*) FROM repositories");
	}

	public Optional<RepoInfo> repo(String name) {
		return this.db.jdbc().query(REPO_SELECT + " WHERE p.name = ?", REPO_MAPPER, name).stream().findFirst();
	}

	/** The id of a repository; a name that does not exist is a {@link NotFoundException}. */
	public long repoId(String name) {
		return this.db.jdbc()
			.query("SELECT repo_id FROM repositories WHERE name = ?", (rs, i) -> rs.getLong(1), name)
			.stream()
			.findFirst()
			.orElseThrow(() -> new NotFoundException("no repository named '" + QueryParams.shorten(name) + "'"));
	}

	public List<String> repoNames() {
		return this.db.jdbc().query("SELECT name FROM repositories ORDER BY name", (rs, i) -> rs.getString(1));
	}

	// ---- runs

	/** Runs, newest first. */
	public List<RunView> runs(@Nullable Long repoId, long offset, int limit) {
		return this.runs.runs(repoId, offset, limit).stream().map(RunView::of).toList();
	}

	public long countRuns(@Nullable Long repoId) {
		return (repoId != null) ? this.db.count("SELECT COUNT(*) FROM runs WHERE repo_id = ?", repoId)
				: this.db.count("SELECT COUNT(*) FROM runs");
	}

	public Optional<RunView> run(long runId) {
		return this.runs.run(runId).map(RunView::of);
	}

	public List<RunFailure> runFailures(long runId, int limit) {
		return this.db.jdbc()
			.query("SELECT path, reason, message FROM file_errors WHERE run_id = ? ORDER BY path, error_id LIMIT ?",
					(rs, i) -> new RunFailure(rs.getString(1), rs.getString(2), rs.getString(3)), runId, limit);
	}

	public long countRunFailures(long runId) {
		return this.db.count("SELECT COUNT(*) FROM file_errors WHERE run_id = ?", runId);
	}

	// ---- files

	public List<FileInfo> files(@Nullable Long repoId, @Nullable PathGlob path, long offset, int limit) {
		WhereClause sql = fileWhere(repoId, path);
		List<Object> args = new ArrayList<>(sql.args);
		args.add(limit);
		args.add(offset);
		return this.db.jdbc()
			.query(FILE_SELECT + sql.where() + " ORDER BY p.name, f.path LIMIT ? OFFSET ?", FILE_MAPPER, args.toArray());
	}

	public long countFiles(@Nullable Long repoId, @Nullable PathGlob path) {
		WhereClause sql = fileWhere(repoId, path);
		return this.db.count("SELECT COUNT(*) FROM files f" + sql.where(), sql.args.toArray());
	}

	public Optional<FileInfo> file(long repoId, String path) {
		return this.db.jdbc()
			.query(FILE_SELECT + " WHERE f.repo_id = ? AND f.path = ?", FILE_MAPPER, repoId, path)
			.stream()
			.findFirst();
	}

	private WhereClause fileWhere(@Nullable Long repoId, @Nullable PathGlob path) {
		WhereClause sql = new WhereClause();
		if (repoId != null) {
			sql.and("f.repo_id = ?", repoId);
		}
		this.db.pathCondition(sql, "f.path", path);
		return sql;
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
