package dev.chunker.query;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;

/**
 * The change feed since a run: the chunks added (inserted by a later run) and deleted (in {@code chunk_deletions}
 * and not stored again), and the {@code since} to ask with next time.
 */
public final class ChangeFeed {

	private static final RowMapper<Change> CHANGE_MAPPER = (rs, i) -> new Change(
			(rs.getInt(1) == 0) ? "deleted" : "added", rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5));

	private final QueryDatabase db;

	private final ChunkSearch search;

	ChangeFeed(QueryDatabase db, ChunkSearch search) {
		this.db = db;
		this.search = search;
	}

	/** The change feed since a run: deletions first, then additions, each by repository, path and chunk id. */
	public List<Change> changes(@Nullable Long repoId, long since, long offset, int limit) {
		WhereClause deleted = deletedSelect(repoId, null, since);
		WhereClause added = addedSelect(repoId, since);
		List<Object> args = new ArrayList<>(deleted.args);
		args.addAll(added.args);
		args.add(limit);
		args.add(offset);
		return this.db.jdbc()
			.query("SELECT kind, repo, chunk_id, file_path, run_id FROM (" + deleted.text + " UNION ALL " + added.text
					+ ") x ORDER BY kind, repo, file_path, chunk_id LIMIT ? OFFSET ?", CHANGE_MAPPER, args.toArray());
	}

	public long countDeleted(@Nullable Long repoId, @Nullable PathGlob path, long since) {
		WhereClause deleted = deletedSelect(repoId, path, since);
		return this.db.count("SELECT COUNT(*) FROM (" + deleted.text + ") x", deleted.args.toArray());
	}

	public long countAdded(@Nullable Long repoId, long since) {
		return this.search.countChunks(ChunkFilter.changedSince(repoId, since));
	}

	/** Streams the deleted half of the feed (repository and path filters only: a deleted chunk has no other fields). */
	public void streamDeleted(@Nullable Long repoId, @Nullable PathGlob path, long since, Consumer<Change> consumer) {
		WhereClause deleted = deletedSelect(repoId, path, since);
		this.db.stream("SELECT kind, repo, chunk_id, file_path, run_id FROM (" + deleted.text
				+ ") x ORDER BY repo, file_path, chunk_id", CHANGE_MAPPER, consumer, deleted.args.toArray());
	}

	/** The newest run (of the repository, or of all), 0 when there is none. */
	public long latestRunId(@Nullable Long repoId) {
		return (repoId != null) ? this.db.count("SELECT COALESCE(MAX(run_id), 0) FROM runs WHERE repo_id = ?", repoId)
				: this.db.count("SELECT COALESCE(MAX(run_id), 0) FROM runs");
	}

	/**
	 * The {@code since} to ask with next time: the newest run such that no run up to it can still write. A run can
	 * still write while it is the last run of its repository and not COMPLETED or ABANDONED (a failed run is resumed
	 * under the same run id). Never less than {@code since}.
	 */
	public long nextSince(@Nullable Long repoId, long since) {
		WhereClause open = new WhereClause();
		open.and("r.run_id > ?", since);
		if (repoId != null) {
			open.and("r.repo_id = ?", repoId);
		}
		open.and("r.status NOT IN ('COMPLETED', 'ABANDONED')");
		open.and("r.run_id = (SELECT MAX(x.run_id) FROM runs x WHERE x.repo_id = r.repo_id)");
		Long firstOpen = this.db.jdbc()
			.queryForObject("SELECT MIN(r.run_id) FROM runs r" + open.where(), Long.class, open.args.toArray());
		if (firstOpen != null) {
			return firstOpen - 1;
		}
		return Math.max(since, latestRunId(repoId));
	}

	/**
	 * Chunk ids deleted by runs after {@code since} and not stored again since (a chunk whose content came back has
	 * its id again and is listed as added). One entry per id, with the last run that deleted it.
	 */
	private WhereClause deletedSelect(@Nullable Long repoId, @Nullable PathGlob path, long since) {
		WhereClause sql = new WhereClause();
		sql.and("d.run_id > ?", since);
		if (repoId != null) {
			sql.and("d.repo_id = ?", repoId);
		}
		this.db.pathCondition(sql, "d.file_path", path);
		sql.and("NOT EXISTS (SELECT 1 FROM chunks c WHERE c.repo_id = d.repo_id AND c.chunk_id = d.chunk_id)");
		sql.text.insert(0, "SELECT 0 AS kind, r.name AS repo, d.chunk_id AS chunk_id, MAX(d.file_path) AS file_path, "
				+ "MAX(d.run_id) AS run_id FROM chunk_deletions d JOIN repositories r ON r.repo_id = d.repo_id");
		sql.text.append(" GROUP BY r.name, d.repo_id, d.chunk_id");
		return sql;
	}

	private WhereClause addedSelect(@Nullable Long repoId, long since) {
		WhereClause sql = new WhereClause();
		sql.and("c.run_id > ?", since);
		if (repoId != null) {
			sql.and("c.repo_id = ?", repoId);
		}
		sql.text.insert(0, "SELECT 1 AS kind, r.name AS repo, c.chunk_id AS chunk_id, c.file_path AS file_path, "
				+ "c.run_id AS run_id" + ChunkRows.FROM_CHUNKS);
		return sql;
	}

}
