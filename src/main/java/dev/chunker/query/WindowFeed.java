package dev.chunker.query;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;

/**
 * The packed view as stored: every window (the export) and its change feed since a run, the windows whose id is new
 * in their file and the ids no file of the repository has any more. A window's content is the slice of its file's
 * stored content, cut by the database as for chunks.
 */
public final class WindowFeed {

	private static final String COLUMNS = "r.name, w.file_path, w.language, w.window_index, w.byte_start, w.byte_end, "
			+ "w.start_line, w.end_line, w.window_id, w.nws_size, w.token_count, w.budget, w.unit, w.encoding, w.algorithm, "
			+ "w.over_budget, w.header, SUBSTRING(ct.data FROM w.byte_start + 1 FOR w.byte_end - w.byte_start), w.run_id";

	private static final String FROM = " FROM windows w JOIN repositories r ON r.repo_id = w.repo_id "
			+ "LEFT JOIN files f ON f.repo_id = w.repo_id AND f.path = w.file_path "
			+ "LEFT JOIN contents ct ON ct.content_hash = f.stored_content_hash";

	private static final RowMapper<WindowRecord> WINDOW = WindowFeed::window;

	private static final RowMapper<Change> DELETED = (rs, i) -> new Change("deleted", rs.getString(1),
			rs.getString(2).strip(), rs.getString(3), rs.getLong(4));

	private final QueryDatabase db;

	WindowFeed(QueryDatabase db) {
		this.db = db;
	}

	/** Streams every window (of a repository, or of all), by repository, path and position. */
	public void export(@Nullable Long repoId, Consumer<WindowRecord> consumer) {
		streamAdded(repoId, null, -1, 0, consumer);
	}

	/**
	 * Streams the windows whose id a run after {@code since} wrote into their file, by repository, path and position.
	 * @param limit at most this many (0: all)
	 */
	public void streamAdded(@Nullable Long repoId, @Nullable PathGlob path, long since, int limit,
			Consumer<WindowRecord> consumer) {
		WhereClause where = new WhereClause();
		if (since >= 0) {
			where.and("w.run_id > ?", since);
		}
		if (repoId != null) {
			where.and("w.repo_id = ?", repoId);
		}
		this.db.pathCondition(where, "w.file_path", path);
		List<Object> args = new ArrayList<>(where.args);
		String bounded = "";
		if (limit > 0) {
			bounded = " LIMIT ?";
			args.add(limit);
		}
		this.db.stream("SELECT " + COLUMNS + FROM + where.where() + " ORDER BY r.name, w.file_path, w.window_index" + bounded,
				WINDOW, consumer, args.toArray());
	}

	/**
	 * The stored windows with this id, or whose id starts with it, in every file that has one (identical windows
	 * in two files share their id), by repository, id, path and position.
	 */
	public List<WindowRecord> windowsById(String idOrPrefix, @Nullable Long repoId, int limit) {
		WhereClause where = new WhereClause();
		if (idOrPrefix.length() == 40) {
			where.and("w.window_id = CAST(? AS CHAR(40))", idOrPrefix);
		}
		else {
			// A range, so the id index serves a prefix ('g' sorts after every hexadecimal digit).
			where.and("w.window_id >= CAST(? AS CHAR(40)) AND w.window_id < CAST(? AS CHAR(40))", idOrPrefix,
					idOrPrefix + "g");
		}
		if (repoId != null) {
			where.and("w.repo_id = ?", repoId);
		}
		List<Object> args = new ArrayList<>(where.args);
		args.add(limit);
		return this.db.jdbc().query("SELECT " + COLUMNS + FROM + where.where()
				+ " ORDER BY r.name, w.window_id, w.file_path, w.window_index LIMIT ?", WINDOW, args.toArray());
	}

	/**
	 * Streams the window ids deleted by runs after {@code since} that no file of the repository has now, one per id
	 * with the last run that deleted it.
	 */
	public void streamDeleted(@Nullable Long repoId, @Nullable PathGlob path, long since, Consumer<Change> consumer) {
		WhereClause where = deleted(repoId, path, since);
		this.db.stream("SELECT r.name, d.window_id, MAX(d.file_path), MAX(d.run_id) FROM window_deletions d "
				+ "JOIN repositories r ON r.repo_id = d.repo_id" + where.where()
				+ " GROUP BY r.name, d.repo_id, d.window_id ORDER BY r.name, MAX(d.file_path), d.window_id", DELETED, consumer,
				where.args.toArray());
	}

	/**
	 * One page of the packed feed: deleted ids first (as the chunk feed), then the added windows with their content.
	 */
	public List<WindowChange> changes(@Nullable Long repoId, long since, long offset, int limit) {
		long deletedTotal = countDeleted(repoId, since);
		List<WindowChange> page = new ArrayList<>();
		if (offset < deletedTotal) {
			WhereClause where = deleted(repoId, null, since);
			List<Object> args = new ArrayList<>(where.args);
			args.add(limit);
			args.add(offset);
			this.db.jdbc().query("SELECT r.name, d.window_id, MAX(d.file_path), MAX(d.run_id) FROM window_deletions d "
					+ "JOIN repositories r ON r.repo_id = d.repo_id" + where.where() + " GROUP BY r.name, d.repo_id, "
					+ "d.window_id ORDER BY r.name, MAX(d.file_path), d.window_id LIMIT ? OFFSET ?", (ResultSet rs) -> {
						page.add(new WindowChange("deleted", rs.getString(1), rs.getString(2).strip(), rs.getString(3),
								rs.getLong(4), null));
					}, args.toArray());
		}
		int left = limit - page.size();
		if (left > 0) {
			long addedOffset = Math.max(0, offset - deletedTotal);
			List<Object> args = new ArrayList<>(List.of(since));
			String repo = "";
			if (repoId != null) {
				repo = " AND w.repo_id = ?";
				args.add(repoId);
			}
			args.add(left);
			args.add(addedOffset);
			this.db.jdbc().query("SELECT " + COLUMNS + FROM + " WHERE w.run_id > ?" + repo
					+ " ORDER BY r.name, w.file_path, w.window_index LIMIT ? OFFSET ?", (ResultSet rs) -> {
						WindowRecord w = window(rs, 0);
						page.add(new WindowChange("added", w.repo(), w.windowId(), w.filePath(), w.runId(), w));
					}, args.toArray());
		}
		return page;
	}

	/** How many windows {@link #streamAdded} gives. */
	public long countAdded(@Nullable Long repoId, long since) {
		List<Object> args = new ArrayList<>(List.of(since));
		String repo = "";
		if (repoId != null) {
			repo = " AND w.repo_id = ?";
			args.add(repoId);
		}
		return this.db.count("SELECT COUNT(*) FROM windows w WHERE w.run_id > ?" + repo, args.toArray());
	}

	/** How many ids {@link #streamDeleted} gives. */
	public long countDeleted(@Nullable Long repoId, long since) {
		WhereClause where = deleted(repoId, null, since);
		return this.db.count("SELECT COUNT(*) FROM (SELECT d.window_id FROM window_deletions d" + where.where()
				+ " GROUP BY d.repo_id, d.window_id) x", where.args.toArray());
	}

	private WhereClause deleted(@Nullable Long repoId, @Nullable PathGlob path, long since) {
		WhereClause where = new WhereClause();
		where.and("d.run_id > ?", since);
		if (repoId != null) {
			where.and("d.repo_id = ?", repoId);
		}
		this.db.pathCondition(where, "d.file_path", path);
		where.and("NOT EXISTS (SELECT 1 FROM windows w WHERE w.repo_id = d.repo_id AND w.window_id = d.window_id)");
		return where;
	}

	private static WindowRecord window(ResultSet rs, int row) throws SQLException {
		byte[] slice = rs.getBytes(18);
		if (slice == null) {
			throw new IllegalStateException("the stored content of " + rs.getString(2) + " is missing; index the "
					+ "repository again to restore it");
		}
		String text = new String(slice, StandardCharsets.UTF_8);
		return new WindowRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
				rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getString(9).strip(), rs.getInt(10), rs.getInt(11),
				rs.getInt(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getBoolean(16), rs.getString(17),
				(text.indexOf('\0') < 0) ? text : text.replace('\0', '\uFFFD'), rs.getLong(19));
	}

}
