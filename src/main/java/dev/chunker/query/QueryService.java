package dev.chunker.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the index: repositories, runs, files, chunk searches, chunk trees, the change feed and the export. Every
 * value reaches the database as a bind parameter. Large results are streamed in a read-only transaction with a
 * bounded fetch size (PostgreSQL then reads through a cursor; H2 spills large results to disk), so memory does not
 * grow with the database.
 */
public class QueryService {

	/** Rows fetched per round trip when streaming. */
	static final int FETCH_SIZE = 200;

	/** Most ancestors walked from a chunk (a guard against a corrupt cycle). */
	static final int MAX_DEPTH = 64;

	private static final String CHUNK_COLUMNS = "r.name, c.file_path, c.language, c.node_type, c.name, "
			+ "c.qualified_name, c.parent_chunk_id, c.start_line, c.end_line, c.byte_start, c.byte_end, c.content, "
			+ "c.chunk_id, c.file_id, c.definition_id, c.content_hash, c.has_error, c.part_index, c.part_count, c.run_id";

	private static final String CHUNK_FROM = " FROM chunks c JOIN repositories r ON r.repo_id = c.repo_id";

	private static final String CHUNK_ORDER = "r.name, c.file_path, c.byte_start, c.ordinal";

	private final JdbcTemplate jdbc;

	private final JdbcTemplate streaming;

	private final TransactionTemplate readOnly;

	private final Set<String> languages;

	private volatile @Nullable Dialect dialect;

	public QueryService(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Set<String> languages) {
		this.jdbc = jdbc;
		this.streaming = new JdbcTemplate(jdbc.getDataSource());
		this.streaming.setFetchSize(FETCH_SIZE);
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
		this.languages = Set.copyOf(languages);
	}

	public Dialect dialect() {
		Dialect d = this.dialect;
		if (d == null) {
			d = Dialect.of(this.jdbc);
			this.dialect = d;
		}
		return d;
	}

	/** Language ids a {@code language} parameter may name. */
	public Set<String> languages() {
		return this.languages;
	}

	// ---- repositories

	private static final String REPO_SELECT = "SELECT p.name, p.root_path, p.created_at, "
			+ "(SELECT MAX(x.run_id) FROM runs x WHERE x.repo_id = p.repo_id), "
			+ "(SELECT y.status FROM runs y WHERE y.run_id = (SELECT MAX(x.run_id) FROM runs x WHERE x.repo_id = p.repo_id)), "
			+ "(SELECT COUNT(*) FROM files f WHERE f.repo_id = p.repo_id), "
			+ "(SELECT COUNT(*) FROM chunks c WHERE c.repo_id = p.repo_id) FROM repositories p";

	private static final RowMapper<RepoInfo> REPO_MAPPER = (rs, i) -> new RepoInfo(rs.getString(1), rs.getString(2),
			instant(rs.getTimestamp(3)), rs.getObject(4, Long.class), rs.getString(5), rs.getLong(6), rs.getLong(7));

	public List<RepoInfo> repos(long offset, int limit) {
		return this.jdbc.query(REPO_SELECT + " ORDER BY p.name LIMIT ? OFFSET ?", REPO_MAPPER, limit, offset);
	}

	public long countRepos() {
		return count("SELECT COUNT(*) FROM repositories");
	}

	public Optional<RepoInfo> repo(String name) {
		return this.jdbc.query(REPO_SELECT + " WHERE p.name = ?", REPO_MAPPER, name).stream().findFirst();
	}

	/** The id of a repository; a name that does not exist is a {@link NotFoundException}. */
	public long repoId(String name) {
		return this.jdbc.queryForList("SELECT repo_id FROM repositories WHERE name = ?", Long.class, name)
			.stream()
			.findFirst()
			.orElseThrow(() -> new NotFoundException("no repository named '" + QueryParams.shorten(name) + "'"));
	}

	public List<String> repoNames() {
		return this.jdbc.queryForList("SELECT name FROM repositories ORDER BY name", String.class);
	}

	// ---- runs

	private static final String RUN_SELECT = "SELECT r.run_id, p.name, r.status, r.job_execution_id, r.started_at, "
			+ "r.ended_at, r.files_scanned, r.files_new, r.files_changed, r.files_unchanged, r.files_deleted, r.files_failed, "
			+ "r.chunks_written, r.chunks_deleted, r.bytes_scanned FROM runs r JOIN repositories p ON p.repo_id = r.repo_id";

	private static final RowMapper<RunView> RUN_MAPPER = (rs, i) -> new RunView(rs.getLong(1), rs.getString(2),
			rs.getString(3), rs.getObject(4, Long.class), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)),
			rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13),
			rs.getLong(14), rs.getLong(15));

	/** Runs, newest first. */
	public List<RunView> runs(@Nullable Long repoId, long offset, int limit) {
		if (repoId != null) {
			return this.jdbc.query(RUN_SELECT + " WHERE r.repo_id = ? ORDER BY r.run_id DESC LIMIT ? OFFSET ?", RUN_MAPPER,
					repoId, limit, offset);
		}
		return this.jdbc.query(RUN_SELECT + " ORDER BY r.run_id DESC LIMIT ? OFFSET ?", RUN_MAPPER, limit, offset);
	}

	public long countRuns(@Nullable Long repoId) {
		return (repoId != null) ? count("SELECT COUNT(*) FROM runs WHERE repo_id = ?", repoId)
				: count("SELECT COUNT(*) FROM runs");
	}

	public Optional<RunView> run(long runId) {
		return this.jdbc.query(RUN_SELECT + " WHERE r.run_id = ?", RUN_MAPPER, runId).stream().findFirst();
	}

	public List<RunFailure> runFailures(long runId, int limit) {
		return this.jdbc.query("SELECT path, reason, message FROM file_errors WHERE run_id = ? ORDER BY path, error_id LIMIT ?",
				(rs, i) -> new RunFailure(rs.getString(1), rs.getString(2), rs.getString(3)), runId, limit);
	}

	public long countRunFailures(long runId) {
		return count("SELECT COUNT(*) FROM file_errors WHERE run_id = ?", runId);
	}

	// ---- files

	private static final RowMapper<FileInfo> FILE_MAPPER = (rs, i) -> new FileInfo(rs.getString(1), rs.getString(2),
			rs.getString(3), rs.getString(4), rs.getLong(5), Instant.ofEpochMilli(rs.getLong(6)), rs.getString(7),
			rs.getLong(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getInt(13));

	public List<FileInfo> files(@Nullable Long repoId, @Nullable PathGlob path, long offset, int limit) {
		Sql sql = fileWhere(repoId, path);
		List<Object> args = new ArrayList<>(sql.args);
		args.add(limit);
		args.add(offset);
		return this.jdbc.query("SELECT p.name, f.path, f.file_id, f.language, f.size_bytes, f.mtime_millis, f.content_hash, "
				+ "f.last_run_id, f.last_change, f.status, f.error_reason, f.error_message, f.chunk_count "
				+ "FROM files f JOIN repositories p ON p.repo_id = f.repo_id" + sql.where()
				+ " ORDER BY p.name, f.path LIMIT ? OFFSET ?", FILE_MAPPER, args.toArray());
	}

	public long countFiles(@Nullable Long repoId, @Nullable PathGlob path) {
		Sql sql = fileWhere(repoId, path);
		return count("SELECT COUNT(*) FROM files f" + sql.where(), sql.args.toArray());
	}

	public Optional<FileInfo> file(long repoId, String path) {
		return this.jdbc.query("SELECT p.name, f.path, f.file_id, f.language, f.size_bytes, f.mtime_millis, f.content_hash, "
				+ "f.last_run_id, f.last_change, f.status, f.error_reason, f.error_message, f.chunk_count "
				+ "FROM files f JOIN repositories p ON p.repo_id = f.repo_id WHERE f.repo_id = ? AND f.path = ?", FILE_MAPPER,
				repoId, path).stream().findFirst();
	}

	private Sql fileWhere(@Nullable Long repoId, @Nullable PathGlob path) {
		Sql sql = new Sql();
		if (repoId != null) {
			sql.and("f.repo_id = ?", repoId);
		}
		pathCondition(sql, "f.path", path);
		return sql;
	}

	// ---- chunks

	/** A page of the chunks matching {@code filter}: by rank for a text search, else by repository, path and position. */
	public List<ChunkRecord> chunks(ChunkFilter filter, long offset, int limit) {
		List<ChunkRecord> result = new ArrayList<>();
		query(this.jdbc, filter, offset, limit, result::add);
		return result;
	}

	/**
	 * Streams the chunks matching {@code filter} in a read-only transaction with a bounded fetch size.
	 * @param limit the most rows, 0 for all
	 */
	public void streamChunks(ChunkFilter filter, long offset, int limit, Consumer<ChunkRecord> consumer) {
		this.readOnly.executeWithoutResult((status) -> query(this.streaming, filter, offset, limit, consumer));
	}

	public long countChunks(ChunkFilter filter) {
		Sql sql = chunkWhere(filter);
		return count("SELECT COUNT(*)" + CHUNK_FROM + sql.where(), sql.args.toArray());
	}

	private void query(JdbcTemplate template, ChunkFilter filter, long offset, int limit, Consumer<ChunkRecord> consumer) {
		Sql where = chunkWhere(filter);
		List<Object> args = new ArrayList<>();
		StringBuilder sql = new StringBuilder("SELECT ").append(CHUNK_COLUMNS);
		boolean ranked = filter.text() != null;
		if (ranked) {
			Sql score = score(filter.text());
			sql.append(", ").append(score.text).append(" AS score");
			args.addAll(score.args);
		}
		sql.append(CHUNK_FROM).append(where.where());
		args.addAll(where.args);
		sql.append(" ORDER BY ").append(ranked ? "score DESC, " : "").append(CHUNK_ORDER);
		if (limit > 0) {
			sql.append(" LIMIT ?");
			args.add(limit);
		}
		if (offset > 0) {
			sql.append(" OFFSET ?");
			args.add(offset);
		}
		template.query(sql.toString(), (RowCallbackHandler) (rs) -> consumer.accept(chunk(rs, ranked)), args.toArray());
	}

	private Sql chunkWhere(ChunkFilter filter) {
		Sql sql = new Sql();
		if (filter.repoId() != null) {
			sql.and("c.repo_id = ?", filter.repoId());
		}
		pathCondition(sql, "c.file_path", filter.path());
		if (filter.language() != null) {
			sql.and("c.language = ?", filter.language());
		}
		if (filter.nodeType() != null) {
			sql.and("c.node_type = ?", filter.nodeType());
		}
		if (filter.symbol() != null) {
			symbolCondition(sql, filter.symbol());
		}
		if (filter.text() != null) {
			textCondition(sql, filter.text());
		}
		if (filter.changedSince() != null) {
			sql.and("c.run_id > ?", filter.changedSince());
		}
		return sql;
	}

	private void pathCondition(Sql sql, String column, @Nullable PathGlob path) {
		if (path == null) {
			return;
		}
		if (!path.literalPrefix().isEmpty()) {
			sql.and(column + " LIKE ? ESCAPE '!'", escapeLike(path.literalPrefix()) + "%");
		}
		sql.and(dialect().regexMatch(column), path.regex());
	}

	private void symbolCondition(Sql sql, String symbol) {
		boolean prefix = symbol.endsWith("*");
		String value = prefix ? symbol.substring(0, symbol.length() - 1) : symbol;
		if (dialect() == Dialect.POSTGRESQL) {
			// The name indexes are on left(column, 200) (a b-tree entry has a size limit); the full column decides.
			String head = value.substring(0, Math.min(value.length(), 200));
			if (prefix) {
				String headPattern = escapeLike(head) + "%";
				String pattern = escapeLike(value) + "%";
				sql.and("((left(c.name, 200) LIKE ? ESCAPE '!' AND c.name LIKE ? ESCAPE '!') OR "
						+ "(left(c.qualified_name, 200) LIKE ? ESCAPE '!' AND c.qualified_name LIKE ? ESCAPE '!'))",
						headPattern, pattern, headPattern, pattern);
			}
			else {
				sql.and("((left(c.name, 200) = ? AND c.name = ?) OR (left(c.qualified_name, 200) = ? AND c.qualified_name = ?))",
						head, value, head, value);
			}
		}
		else if (prefix) {
			String pattern = escapeLike(value) + "%";
			sql.and("(c.name LIKE ? ESCAPE '!' OR c.qualified_name LIKE ? ESCAPE '!')", pattern, pattern);
		}
		else {
			sql.and("(c.name = ? OR c.qualified_name = ?)", value, value);
		}
	}

	private static final String H2_NAME = "LOWER(COALESCE(c.name, ''))";

	private static final String H2_QUALIFIED = "LOWER(COALESCE(c.qualified_name, ''))";

	private void textCondition(Sql sql, TextQuery text) {
		if (dialect() == Dialect.POSTGRESQL) {
			sql.and("c.search_vector @@ to_tsquery('simple', ?)", text.tsquery());
			return;
		}
		for (String term : text.terms()) {
			String pattern = "%" + escapeLike(term) + "%";
			sql.and("(" + H2_NAME + " LIKE ? ESCAPE '!' OR " + H2_QUALIFIED + " LIKE ? ESCAPE '!' OR LOWER(c.content) LIKE ? ESCAPE '!')",
					pattern, pattern, pattern);
		}
	}

	private Sql score(TextQuery text) {
		Sql score = new Sql();
		if (dialect() == Dialect.POSTGRESQL) {
			score.text.append("ts_rank(c.search_vector, to_tsquery('simple', ?))");
			score.args.add(text.tsquery());
			return score;
		}
		score.text.append("CAST(");
		for (int i = 0; i < text.terms().size(); i++) {
			String term = text.terms().get(i);
			String pattern = "%" + escapeLike(term) + "%";
			score.text.append((i > 0) ? " + " : "")
				.append("(CASE WHEN " + H2_NAME + " = ? THEN 4.0 WHEN " + H2_NAME + " LIKE ? ESCAPE '!' THEN 2.0 WHEN "
						+ H2_QUALIFIED + " LIKE ? ESCAPE '!' THEN 1.0 ELSE 0.0 END + 1.0 - 2.0 / ("
						+ "(CHAR_LENGTH(LOWER(c.content)) - CHAR_LENGTH(REPLACE(LOWER(c.content), ?, ''))) / " + term.length()
						+ " + 2.0))");
			score.args.add(term);
			score.args.add(pattern);
			score.args.add(pattern);
			score.args.add(term);
		}
		score.text.append(" AS DOUBLE PRECISION)");
		return score;
	}

	/** The chunk with this id (one per repository holding it), or with ids starting with this prefix. */
	public List<ChunkRecord> chunksById(String idOrPrefix, @Nullable Long repoId, int limit) {
		Sql sql = new Sql();
		if (repoId != null) {
			sql.and("c.repo_id = ?", repoId);
		}
		if (idOrPrefix.length() == 40) {
			sql.and("c.chunk_id = CAST(? AS CHAR(40))", idOrPrefix);
		}
		else {
			// A range, so the chunk id index serves a prefix ('g' sorts after every hexadecimal digit).
			sql.and("c.chunk_id >= CAST(? AS CHAR(40)) AND c.chunk_id < CAST(? AS CHAR(40))", idOrPrefix, idOrPrefix + "g");
		}
		List<Object> args = new ArrayList<>(sql.args);
		args.add(limit);
		return this.jdbc.query("SELECT " + CHUNK_COLUMNS + CHUNK_FROM + sql.where() + " ORDER BY r.name, c.chunk_id LIMIT ?",
				(rs, i) -> chunk(rs, false), args.toArray());
	}

	/** The enclosing chunks, nearest first (as far as they are stored). */
	public List<ChunkRecord> parents(long repoId, ChunkRecord chunk) {
		List<ChunkRecord> parents = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		seen.add(chunk.chunkId());
		String parentId = chunk.parentChunkId();
		while (parentId != null && parents.size() < MAX_DEPTH && seen.add(parentId)) {
			List<ChunkRecord> found = chunksById(parentId, repoId, 1);
			if (found.isEmpty()) {
				break;
			}
			parents.add(found.get(0));
			parentId = found.get(0).parentChunkId();
		}
		return parents;
	}

	public List<ChunkRecord> children(long repoId, String chunkId, long offset, int limit) {
		return this.jdbc.query("SELECT " + CHUNK_COLUMNS + CHUNK_FROM
				+ " WHERE c.repo_id = ? AND c.parent_chunk_id = CAST(? AS CHAR(40)) ORDER BY c.byte_start, c.ordinal LIMIT ? OFFSET ?",
				(rs, i) -> chunk(rs, false), repoId, chunkId, limit, offset);
	}

	public long countChildren(long repoId, String chunkId) {
		return count("SELECT COUNT(*) FROM chunks c WHERE c.repo_id = ? AND c.parent_chunk_id = CAST(? AS CHAR(40))", repoId,
				chunkId);
	}

	// ---- the change feed

	/**
	 * Chunk ids deleted by runs after {@code since} and not stored again since (a chunk whose content came back has
	 * its id again and is listed as added). One entry per id, with the last run that deleted it.
	 */
	private Sql deletedSelect(@Nullable Long repoId, @Nullable PathGlob path, long since) {
		Sql sql = new Sql();
		sql.and("d.run_id > ?", since);
		if (repoId != null) {
			sql.and("d.repo_id = ?", repoId);
		}
		pathCondition(sql, "d.file_path", path);
		sql.and("NOT EXISTS (SELECT 1 FROM chunks c WHERE c.repo_id = d.repo_id AND c.chunk_id = d.chunk_id)");
		sql.text.insert(0, "SELECT 0 AS kind, r.name AS repo, d.chunk_id AS chunk_id, MAX(d.file_path) AS file_path, "
				+ "MAX(d.run_id) AS run_id FROM chunk_deletions d JOIN repositories r ON r.repo_id = d.repo_id");
		sql.text.append(" GROUP BY r.name, d.repo_id, d.chunk_id");
		return sql;
	}

	private Sql addedSelect(@Nullable Long repoId, long since) {
		Sql sql = new Sql();
		sql.and("c.run_id > ?", since);
		if (repoId != null) {
			sql.and("c.repo_id = ?", repoId);
		}
		sql.text.insert(0, "SELECT 1 AS kind, r.name AS repo, c.chunk_id AS chunk_id, c.file_path AS file_path, "
				+ "c.run_id AS run_id" + CHUNK_FROM);
		return sql;
	}

	private static final RowMapper<Change> CHANGE_MAPPER = (rs, i) -> new Change(
			(rs.getInt(1) == 0) ? "deleted" : "added", rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5));

	/** The change feed since a run: deletions first, then additions, each by repository, path and chunk id. */
	public List<Change> changes(@Nullable Long repoId, long since, long offset, int limit) {
		Sql deleted = deletedSelect(repoId, null, since);
		Sql added = addedSelect(repoId, since);
		List<Object> args = new ArrayList<>(deleted.args);
		args.addAll(added.args);
		args.add(limit);
		args.add(offset);
		return this.jdbc.query("SELECT kind, repo, chunk_id, file_path, run_id FROM (" + deleted.text + " UNION ALL "
				+ added.text + ") x ORDER BY kind, repo, file_path, chunk_id LIMIT ? OFFSET ?", CHANGE_MAPPER, args.toArray());
	}

	public long countDeleted(@Nullable Long repoId, @Nullable PathGlob path, long since) {
		Sql deleted = deletedSelect(repoId, path, since);
		return count("SELECT COUNT(*) FROM (" + deleted.text + ") x", deleted.args.toArray());
	}

	public long countAdded(@Nullable Long repoId, long since) {
		return countChunks(new ChunkFilter(repoId, null, null, null, null, null, since));
	}

	/** Streams the deleted half of the feed (repository and path filters only: a deleted chunk has no other fields). */
	public void streamDeleted(@Nullable Long repoId, @Nullable PathGlob path, long since, Consumer<Change> consumer) {
		Sql deleted = deletedSelect(repoId, path, since);
		this.readOnly.executeWithoutResult((status) -> this.streaming.query(
				"SELECT kind, repo, chunk_id, file_path, run_id FROM (" + deleted.text + ") x ORDER BY repo, file_path, chunk_id",
				(RowCallbackHandler) (rs) -> consumer.accept(CHANGE_MAPPER.mapRow(rs, 0)), deleted.args.toArray()));
	}

	/** The newest run (of the repository, or of all), 0 when there is none. */
	public long latestRunId(@Nullable Long repoId) {
		return (repoId != null) ? count("SELECT COALESCE(MAX(run_id), 0) FROM runs WHERE repo_id = ?", repoId)
				: count("SELECT COALESCE(MAX(run_id), 0) FROM runs");
	}

	/**
	 * The {@code since} to ask with next time: the newest run such that no run up to it can still write. A run can
	 * still write while it is the last run of its repository and not COMPLETED or ABANDONED (a failed run is resumed
	 * under the same run id). Never less than {@code since}.
	 */
	public long nextSince(@Nullable Long repoId, long since) {
		Sql open = new Sql();
		open.and("r.run_id > ?", since);
		if (repoId != null) {
			open.and("r.repo_id = ?", repoId);
		}
		open.and("r.status NOT IN ('COMPLETED', 'ABANDONED')");
		open.and("r.run_id = (SELECT MAX(x.run_id) FROM runs x WHERE x.repo_id = r.repo_id)");
		Long firstOpen = this.jdbc.queryForObject("SELECT MIN(r.run_id) FROM runs r" + open.where(), Long.class,
				open.args.toArray());
		if (firstOpen != null) {
			return firstOpen - 1;
		}
		return Math.max(since, latestRunId(repoId));
	}

	// ---- export

	/** Streams every chunk (of one repository, or of all) by repository, path and position. */
	public void export(@Nullable Long repoId, Consumer<ChunkRecord> consumer) {
		streamChunks(ChunkFilter.repository(repoId), 0, 0, consumer);
	}

	// ---- helpers

	private static ChunkRecord chunk(ResultSet rs, boolean ranked) throws SQLException {
		Double score = null;
		if (ranked) {
			score = Math.round(rs.getDouble(21) * 1e6) / 1e6;
		}
		return new ChunkRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), trim(rs.getString(7)), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11),
				rs.getString(12), trim(rs.getString(13)), trim(rs.getString(14)), trim(rs.getString(15)),
				trim(rs.getString(16)), rs.getBoolean(17), rs.getInt(18), rs.getInt(19), rs.getLong(20), score);
	}

	/** CHAR columns come back padded on some databases; ids never contain spaces. */
	private static @Nullable String trim(@Nullable String value) {
		return (value != null) ? value.strip() : null;
	}

	private long count(String sql, Object... args) {
		Long value = this.jdbc.queryForObject(sql, Long.class, args);
		return (value != null) ? value : 0;
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/** Escapes LIKE's wildcards with {@code !} (the ESCAPE character used everywhere here). */
	static String escapeLike(String value) {
		return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
	}

	/** A WHERE clause under construction: conditions joined with AND and their arguments in order. */
	private static final class Sql {

		final StringBuilder text = new StringBuilder();

		final List<Object> args = new ArrayList<>();

		private int conditions;

		void and(String condition, Object... values) {
			this.text.append((this.conditions++ == 0) ? " WHERE " : " AND ").append(condition);
			this.args.addAll(List.of(values));
		}

		String where() {
			return this.text.toString();
		}

	}

}
