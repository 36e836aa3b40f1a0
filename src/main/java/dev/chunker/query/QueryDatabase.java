package dev.chunker.query;

import java.util.Objects;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The index database as the query side reads it: a template for pages and counts, and one for streaming, which
 * reads in a read-only transaction with a bounded fetch size (PostgreSQL then reads through a cursor; H2 spills
 * large results to disk), so memory does not grow with the database. Every value reaches the database as a bind
 * parameter.
 */
final class QueryDatabase {

	/** Rows fetched per round trip when streaming. */
	static final int FETCH_SIZE = 200;

	private final JdbcTemplate jdbc;

	private final JdbcTemplate streaming;

	private final TransactionTemplate readOnly;

	private volatile @Nullable Dialect dialect;

	QueryDatabase(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.streaming = new JdbcTemplate(Objects.requireNonNull(jdbc.getDataSource(), "the query side needs a data source"));
		this.streaming.setFetchSize(FETCH_SIZE);
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
	}

	/** Known on first use: the data source may not be reachable when the service is built. */
	Dialect dialect() {
		Dialect d = this.dialect;
		if (d == null) {
			d = Dialect.of(this.jdbc);
			this.dialect = d;
		}
		return d;
	}

	/** The template for pages and single values. */
	JdbcTemplate jdbc() {
		return this.jdbc;
	}

	/** Runs {@code sql} in a read-only transaction with the bounded fetch size, handing each row to {@code consumer}. */
	<T> void stream(String sql, RowMapper<T> mapper, Consumer<T> consumer, Object... args) {
		this.readOnly.executeWithoutResult((status) -> this.streaming.query(sql,
				(RowCallbackHandler) (rs) -> consumer.accept(mapper.mapRow(rs, 0)), args));
	}

	long count(String sql, Object... args) {
		Long value = this.jdbc.queryForObject(sql, Long.class, args);
		return (value != null) ? value : 0;
	}

	/** Adds that {@code column} matches {@code path}: a LIKE on its literal prefix (index-friendly), then the regex. */
	void pathCondition(WhereClause sql, String column, @Nullable PathGlob path) {
		if (path == null) {
			return;
		}
		if (!path.literalPrefix().isEmpty()) {
			sql.and(column + " LIKE ? ESCAPE '!'", WhereClause.escapeLike(path.literalPrefix()) + "%");
		}
		sql.and(dialect().regexMatch(column), path.regex());
	}

}
