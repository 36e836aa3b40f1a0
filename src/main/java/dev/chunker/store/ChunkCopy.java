package dev.chunker.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Chunk rows loaded into PostgreSQL with {@code COPY ... FROM STDIN} (text format) on the connection of the
 * caller's transaction: one round trip and one statement per batch instead of a parsed insert per row, and the rows
 * commit or roll back with the rest of the chunk transaction, as the inserts did.
 */
final class ChunkCopy {

	static final String COPY = "COPY chunks (repo_id, chunk_id, file_path, file_id, language, node_type, name, "
			+ "qualified_name, parent_chunk_id, start_line, end_line, byte_start, byte_end, definition_id, "
			+ "content_hash, has_error, part_index, part_count, ordinal, run_id, metadata, return_type, has_doc, search_vector) "
			+ "FROM STDIN";

	private final JdbcTemplate jdbc;

	private final DataSource dataSource;

	ChunkCopy(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.dataSource = Objects.requireNonNull(jdbc.getDataSource(), "chunk rows need a data source");
	}

	/** Loads rows in the column order of {@link #COPY}. */
	void load(List<Object[]> rows) {
		if (rows.isEmpty()) {
			return;
		}
		StringBuilder text = new StringBuilder(rows.size() * 256);
		for (Object[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				if (i > 0) {
					text.append('\t');
				}
				appendValue(text, row[i]);
			}
			text.append('\n');
		}
		byte[] data = text.toString().getBytes(StandardCharsets.UTF_8);
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new ByteArrayInputStream(data));
		}
		catch (SQLException ex) {
			DataAccessException translated = this.jdbc.getExceptionTranslator().translate("COPY chunks", COPY, ex);
			throw (translated != null) ? translated : new DataAccessResourceFailureException(ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new DataAccessResourceFailureException("COPY chunks: " + ex.getMessage(), ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	/** One value in COPY's text format: {@code \N} for null, booleans as t/f, the format's escapes in text. */
	static void appendValue(StringBuilder text, @Nullable Object value) {
		if (value == null) {
			text.append("\\N");
			return;
		}
		if (value instanceof Boolean flag) {
			text.append(flag ? 't' : 'f');
			return;
		}
		String s = value.toString();
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '\\' -> text.append("\\\\");
				case '\n' -> text.append("\\n");
				case '\r' -> text.append("\\r");
				case '\t' -> text.append("\\t");
				default -> text.append(c);
			}
		}
	}

}
