package dev.chunker.query;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/** The select list of a stored chunk, the join that names its repository, and the mapping of its row. */
final class ChunkRows {

	static final String COLUMNS = "r.name, c.file_path, c.language, c.node_type, c.name, "
			+ "c.qualified_name, c.parent_chunk_id, c.start_line, c.end_line, c.byte_start, c.byte_end, c.content, "
			+ "c.chunk_id, c.file_id, c.definition_id, c.content_hash, c.has_error, c.part_index, c.part_count, c.run_id";

	static final String FROM = " FROM chunks c JOIN repositories r ON r.repo_id = c.repo_id";

	/** The export order: by repository, path and position. */
	static final String ORDER = "r.name, c.file_path, c.byte_start, c.ordinal";

	private ChunkRows() {
	}

	/** A chunk from a row of {@link #COLUMNS}; when {@code ranked}, column 21 holds its score. */
	static ChunkRecord chunk(ResultSet rs, boolean ranked) throws SQLException {
		Double score = null;
		if (ranked) {
			score = Math.round(rs.getDouble(21) * 1e6) / 1e6;
		}
		return new ChunkRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), trim(rs.getString(7)), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11),
				rs.getString(12), id(rs.getString(13)), id(rs.getString(14)), id(rs.getString(15)),
				id(rs.getString(16)), rs.getBoolean(17), rs.getInt(18), rs.getInt(19), rs.getLong(20), score);
	}

	/** CHAR columns come back padded on some databases; ids never contain spaces. */
	private static @Nullable String trim(@Nullable String value) {
		return (value != null) ? value.strip() : null;
	}

	/** A NOT NULL id column, unpadded. */
	private static String id(String value) {
		return value.strip();
	}

}
