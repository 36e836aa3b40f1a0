package dev.chunker.query;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Searches the chunks by a {@link ChunkFilter}: a page, a count, or a stream (the export is the stream of a
 * repository's chunks). A text search ranks in SQL: PostgreSQL by its tsvector, H2 by a score over lower-cased names
 * and content (see docs/queries.md).
 */
public final class ChunkSearch {

	private static final String H2_NAME = "LOWER(COALESCE(c.name, ''))";

	private static final String H2_QUALIFIED = "LOWER(COALESCE(c.qualified_name, ''))";

	/** The chunk's text, lower case, on H2 (see {@link ChunkRows#SLICE}). */
	private static final String H2_CONTENT = "LOWER(COALESCE(c.content, UTF8TOSTRING(" + ChunkRows.SLICE + ")))";

	private final QueryDatabase db;

	ChunkSearch(QueryDatabase db) {
		this.db = db;
	}

	/** A page of the chunks matching {@code filter}: by rank for a text search, else by repository, path and position. */
	public List<ChunkRecord> chunks(ChunkFilter filter, long offset, int limit) {
		Select select = select(filter, offset, limit);
		return this.db.jdbc().query(select.sql, (rs, i) -> ChunkRows.chunk(rs, select.ranked), select.args.toArray());
	}

	/**
	 * Streams the chunks matching {@code filter} in a read-only transaction with a bounded fetch size.
	 * @param limit the most rows, 0 for all
	 */
	public void streamChunks(ChunkFilter filter, long offset, int limit, Consumer<ChunkRecord> consumer) {
		Select select = select(filter, offset, limit);
		this.db.stream(select.sql, (rs, i) -> ChunkRows.chunk(rs, select.ranked), consumer, select.args.toArray());
	}

	public long countChunks(ChunkFilter filter) {
		WhereClause sql = chunkWhere(filter);
		boolean textOnH2 = filter.text() != null && this.db.dialect() != Dialect.POSTGRESQL;
		return this.db.count("SELECT COUNT(*)" + (textOnH2 ? ChunkRows.FROM : ChunkRows.FROM_CHUNKS) + sql.where(),
				sql.args.toArray());
	}

	/** Streams every chunk (of one repository, or of all) by repository, path and position. */
	public void export(@Nullable Long repoId, Consumer<ChunkRecord> consumer) {
		streamChunks(ChunkFilter.repository(repoId), 0, 0, consumer);
	}

	/** A statement, its arguments, and whether its rows carry a score. */
	private record Select(String sql, List<Object> args, boolean ranked) {
	}

	private Select select(ChunkFilter filter, long offset, int limit) {
		WhereClause where = chunkWhere(filter);
		List<Object> args = new ArrayList<>();
		StringBuilder sql = new StringBuilder("SELECT ").append(ChunkRows.COLUMNS);
		TextQuery text = filter.text();
		if (text != null) {
			WhereClause score = score(text);
			sql.append(", ").append(score.text).append(" AS score");
			args.addAll(score.args);
		}
		sql.append(ChunkRows.FROM).append(where.where());
		args.addAll(where.args);
		sql.append(" ORDER BY ").append((text != null) ? "score DESC, " : "").append(ChunkRows.ORDER);
		if (limit > 0) {
			sql.append(" LIMIT ?");
			args.add(limit);
		}
		if (offset > 0) {
			sql.append(" OFFSET ?");
			args.add(offset);
		}
		return new Select(sql.toString(), args, text != null);
	}

	private WhereClause chunkWhere(ChunkFilter filter) {
		WhereClause sql = new WhereClause();
		if (filter.repoId() != null) {
			sql.and("c.repo_id = ?", filter.repoId());
		}
		this.db.pathCondition(sql, "c.file_path", filter.path());
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
		if (filter.hasDoc() != null) {
			sql.and("c.has_doc = ?", filter.hasDoc());
			sql.and("c.metadata IS NOT NULL");
		}
		if (filter.returns() != null) {
			String type = WhereClause.escapeLike(filter.returns());
			sql.and("(c.return_type = ? OR c.return_type LIKE ? ESCAPE '!' OR c.return_type LIKE ? ESCAPE '!')",
					filter.returns(), type + "<%", type + "[%");
		}
		return sql;
	}

	private void symbolCondition(WhereClause sql, String symbol) {
		boolean prefix = symbol.endsWith("*");
		String value = prefix ? symbol.substring(0, symbol.length() - 1) : symbol;
		if (this.db.dialect() == Dialect.POSTGRESQL) {
			// The name indexes are on left(column, 200) (a b-tree entry has a size limit); the full column decides.
			String head = value.substring(0, Math.min(value.length(), 200));
			if (prefix) {
				String headPattern = WhereClause.escapeLike(head) + "%";
				String pattern = WhereClause.escapeLike(value) + "%";
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
			String pattern = WhereClause.escapeLike(value) + "%";
			sql.and("(c.name LIKE ? ESCAPE '!' OR c.qualified_name LIKE ? ESCAPE '!')", pattern, pattern);
		}
		else {
			sql.and("(c.name = ? OR c.qualified_name = ?)", value, value);
		}
	}

	private void textCondition(WhereClause sql, TextQuery text) {
		if (this.db.dialect() == Dialect.POSTGRESQL) {
			sql.and("c.search_vector @@ to_tsquery('simple', ?)", text.tsquery());
			return;
		}
		for (String term : text.terms()) {
			String pattern = "%" + WhereClause.escapeLike(term) + "%";
			sql.and("(" + H2_NAME + " LIKE ? ESCAPE '!' OR " + H2_QUALIFIED + " LIKE ? ESCAPE '!' OR " + H2_CONTENT + " LIKE ? ESCAPE '!')",
					pattern, pattern, pattern);
		}
	}

	/** The rank of a chunk for {@code text}, as an SQL expression and its arguments. */
	private WhereClause score(TextQuery text) {
		WhereClause score = new WhereClause();
		if (this.db.dialect() == Dialect.POSTGRESQL) {
			score.text.append("ts_rank(c.search_vector, to_tsquery('simple', ?))");
			score.args.add(text.tsquery());
			return score;
		}
		score.text.append("CAST(");
		for (int i = 0; i < text.terms().size(); i++) {
			String term = text.terms().get(i);
			String pattern = "%" + WhereClause.escapeLike(term) + "%";
			score.text.append((i > 0) ? " + " : "")
				.append("(CASE WHEN " + H2_NAME + " = ? THEN 4.0 WHEN " + H2_NAME + " LIKE ? ESCAPE '!' THEN 2.0 WHEN "
						+ H2_QUALIFIED + " LIKE ? ESCAPE '!' THEN 1.0 ELSE 0.0 END + 1.0 - 2.0 / ("
						+ "(CHAR_LENGTH(" + H2_CONTENT + ") - CHAR_LENGTH(REPLACE(" + H2_CONTENT + ", ?, ''))) / " + term.length()
						+ " + 2.0))");
			score.args.add(term);
			score.args.add(pattern);
			score.args.add(pattern);
			score.args.add(term);
		}
		score.text.append(" AS DOUBLE PRECISION)");
		return score;
	}

}
