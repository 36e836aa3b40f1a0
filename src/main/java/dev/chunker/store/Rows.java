package dev.chunker.store;

import org.springframework.jdbc.core.RowMapper;

/**
 * Row mappers for single-column results. {@code JdbcTemplate.queryForList(sql, type)} types its elements nullable
 * (a column may hold NULL); the columns read through these are NOT NULL, so the lists they give are too.
 */
final class Rows {

	static final RowMapper<String> STRING = (rs, i) -> rs.getString(1);

	static final RowMapper<Long> LONG = (rs, i) -> rs.getLong(1);

	static final RowMapper<Integer> INT = (rs, i) -> rs.getInt(1);

	private Rows() {
	}

}
