package dev.chunker.query;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;

import dev.chunker.store.MetadataColumns;
import org.jspecify.annotations.Nullable;

/**
 * The select list of a stored chunk, the joins that name its repository and find its file's stored content, and the
 * mapping of its row. A chunk's content is the slice {@code [byte_start, byte_end)} of that content, cut by the
 * database so only the slice travels; rows written before contents were stored still carry their text.
 */
final class ChunkRows {

	/** The bytes of the chunk's span, for a row without its own text. */
	static final String SLICE = "CASE WHEN c.content IS NULL THEN SUBSTRING(ct.data FROM c.byte_start + 1 "
			+ "FOR c.byte_end - c.byte_start) END";

	static final String COLUMNS = "r.name, c.file_path, c.language, c.node_type, c.name, "
			+ "c.qualified_name, c.parent_chunk_id, c.start_line, c.end_line, c.byte_start, c.byte_end, c.content, "
			+ "c.chunk_id, c.file_id, c.definition_id, c.content_hash, c.has_error, c.part_index, c.part_count, c.run_id, "
			+ SLICE + ", c.metadata, f.imports";

	/** Chunks and their repository: for conditions and counts that need no content. */
	static final String FROM_CHUNKS = " FROM chunks c JOIN repositories r ON r.repo_id = c.repo_id";

	/** Chunks, their repository and their file's stored content: for {@link #COLUMNS}. */
	static final String FROM = FROM_CHUNKS + " LEFT JOIN files f ON f.repo_id = c.repo_id AND f.path = c.file_path "
			+ "LEFT JOIN contents ct ON ct.content_hash = f.stored_content_hash";

	/** The export order: by repository, path and position. */
	static final String ORDER = "r.name, c.file_path, c.byte_start, c.ordinal";

	private ChunkRows() {
	}

	/** A chunk from a row of {@link #COLUMNS}; when {@code ranked}, column 24 holds its score. */
	static ChunkRecord chunk(ResultSet rs, boolean ranked) throws SQLException {
		Double score = null;
		if (ranked) {
			score = Math.round(rs.getDouble(24) * 1e6) / 1e6;
		}
		byte[] slice = rs.getBytes(21);
		String content = content(rs, slice);
		int byteStart = rs.getInt(10);
		return new ChunkRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), trim(rs.getString(7)), rs.getInt(8), rs.getInt(9), byteStart, rs.getInt(11),
				content, id(rs.getString(13)), id(rs.getString(14)), id(rs.getString(15)),
				id(rs.getString(16)), rs.getBoolean(17), rs.getInt(18), rs.getInt(19),
				MetadataColumns.read(rs.getString(22), byteStart,
						(slice != null) ? slice : content.getBytes(StandardCharsets.UTF_8), rs.getString(23)),
				rs.getLong(20), score);
	}

	/**
	 * The chunk's text: its own column, or its slice of the stored content decoded as UTF-8 (invalid bytes replaced,
	 * as the chunker does) with NUL characters as U+FFFD, as they were stored when rows held their text.
	 */
	private static String content(ResultSet rs, byte @Nullable [] slice) throws SQLException {
		String own = rs.getString(12);
		if (own != null) {
			return own;
		}
		if (slice == null) {
			throw new IllegalStateException("the stored content of chunk " + rs.getString(13).strip() + " in "
					+ rs.getString(2) + " is missing; index the repository again to restore it");
		}
		String text = new String(slice, StandardCharsets.UTF_8);
		return (text.indexOf('\0') < 0) ? text : text.replace('\0', '\uFFFD');
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
