package dev.chunker.store;

import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

import dev.chunker.chunk.CodeChunk;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code chunks} table and its change feed {@code chunk_deletions}: every deleted chunk row is logged with the
 * run that deleted it. Writes run in the caller's transaction.
 */
public class ChunkDao {

	/** Rows per batched insert (H2). */
	private static final int BATCH = 500;

	/** Rows per COPY (PostgreSQL): one statement per file in all but the largest files. */
	private static final int COPY_BATCH = 5000;

	private static final int[] INSERT_TYPES = { Types.BIGINT, Types.CHAR, Types.VARCHAR, Types.CHAR, Types.VARCHAR,
			Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.CHAR, Types.INTEGER, Types.INTEGER, Types.INTEGER,
			Types.INTEGER, Types.CHAR, Types.CHAR, Types.BOOLEAN, Types.INTEGER, Types.INTEGER, Types.INTEGER,
			Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.BOOLEAN };

	private static final int[] MOVE_TYPES = { Types.INTEGER, Types.INTEGER, Types.INTEGER, Types.INTEGER, Types.INTEGER,
			Types.CHAR, Types.BOOLEAN, Types.VARCHAR, Types.VARCHAR, Types.BOOLEAN, Types.BIGINT, Types.CHAR };

	private final JdbcTemplate jdbc;

	private final ChunkCopy copy;

	private final DatabaseVendor vendor;

	public ChunkDao(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.copy = new ChunkCopy(jdbc);
		this.vendor = new DatabaseVendor(jdbc);
	}

	/**
	 * The chunks of a file that had no file row: no chunk rows can exist (a file row is written in the same
	 * transaction as its chunk rows), so nothing is looked up; ordinals are positions in the list.
	 */
	public void insertNewFileChunks(long repoId, long runId, List<CodeChunk> chunks) {
		insert(repoId, runId, chunks.size(), chunks::get, (i) -> i);
	}

	/**
	 * Brings a changed file's chunk rows to {@code chunks}: inserts and deletes exactly the rows whose id changed and
	 * updates the placement of kept rows that moved.
	 * @return what was changed
	 */
	public ChunkDiff updateFileChunks(long repoId, long runId, String filePath, List<CodeChunk> chunks) {
		boolean[] holdsText = new boolean[1];
		ChunkDiff diff = ChunkDiff.between(chunks, placements(repoId, filePath, holdsText));
		if (holdsText[0]) {
			// Rows kept from before chunks became spans drop their copy of the text: the stored content has it now.
			this.jdbc.update("UPDATE chunks SET content = NULL WHERE repo_id = ? AND file_path = ? AND content IS NOT NULL",
					repoId, filePath);
		}
		delete(repoId, runId, filePath, diff.deletes());
		List<ChunkDiff.Placed> inserts = diff.inserts();
		insert(repoId, runId, inserts.size(), (i) -> inserts.get(i).chunk(), (i) -> inserts.get(i).placement().ordinal());
		if (!diff.moves().isEmpty()) {
			List<Object[]> rows = diff.moves().stream().map((moved) -> {
				ChunkPlacement p = moved.placement();
				return new Object[] { p.ordinal(), p.startLine(), p.endLine(), p.byteStart(), p.byteEnd(), p.parentChunkId(),
						p.hasError(), p.metadata(), MetadataColumns.returnType(moved.chunk()),
						MetadataColumns.hasDoc(moved.chunk()), repoId, moved.chunk().chunkId() };
			}).toList();
			this.jdbc.batchUpdate("UPDATE chunks SET ordinal = ?, start_line = ?, end_line = ?, byte_start = ?, byte_end = ?, "
					+ "parent_chunk_id = ?, has_error = ?, metadata = ?, return_type = ?, has_doc = ? "
					+ "WHERE repo_id = ? AND chunk_id = ?", rows, MOVE_TYPES);
		}
		return diff;
	}

	/** Inserts one batch of a file's chunks, the first at {@code firstOrdinal} (the streaming path). */
	public void insertChunkBatch(long repoId, long runId, List<CodeChunk> chunks, int firstOrdinal) {
		insert(repoId, runId, chunks.size(), chunks::get, (i) -> firstOrdinal + i);
	}

	/**
	 * Deletes (and logs) all chunk rows of a file.
	 * @return the rows deleted
	 */
	public int deleteFileChunks(long repoId, long runId, String filePath) {
		List<String> ids = this.jdbc.query("SELECT chunk_id FROM chunks WHERE repo_id = ? AND file_path = ?", Rows.STRING, repoId, filePath);
		delete(repoId, runId, filePath, ids);
		return ids.size();
	}

	/**
	 * The stored placement of each of a file's chunk rows, by chunk id; {@code holdsText[0]} tells whether any of
	 * them still carries its own text (written before chunks became spans).
	 */
	private Map<String, ChunkPlacement> placements(long repoId, String filePath, boolean[] holdsText) {
		Map<String, ChunkPlacement> stored = new HashMap<>();
		this.jdbc.query("SELECT chunk_id, ordinal, start_line, end_line, byte_start, byte_end, parent_chunk_id, has_error, "
				+ "content IS NOT NULL, metadata FROM chunks WHERE repo_id = ? AND file_path = ?", (ResultSet rs) -> {
					stored.put(rs.getString(1), new ChunkPlacement(rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
							rs.getInt(6), rs.getString(7), rs.getBoolean(8), rs.getString(10)));
					holdsText[0] |= rs.getBoolean(9);
				}, repoId, filePath);
		return stored;
	}

	/** Chunk rows per language of a repository, by language name. */
	public Map<String, Long> chunksPerLanguage(long repoId) {
		Map<String, Long> result = new java.util.TreeMap<>();
		this.jdbc.query("SELECT language, COUNT(*) FROM chunks WHERE repo_id = ? GROUP BY language", (ResultSet rs) -> {
			result.put(rs.getString(1), rs.getLong(2));
		}, repoId);
		return result;
	}

	private void insert(long repoId, long runId, int count, IntFunction<CodeChunk> chunkAt, IntUnaryOperator ordinalAt) {
		boolean postgres = this.vendor.isPostgres();
		int batch = postgres ? COPY_BATCH : BATCH;
		for (int from = 0; from < count; from += batch) {
			int to = Math.min(count, from + batch);
			List<Object[]> rows = new ArrayList<>(to - from);
			for (int i = from; i < to; i++) {
				CodeChunk c = chunkAt.apply(i);
				Object[] row = { repoId, c.chunkId(), c.filePath(), c.fileId(), c.language(), c.nodeType(), c.name(),
						c.qualifiedName(), c.parentChunkId(), c.startLine(), c.endLine(), c.byteStart(), c.byteEnd(),
						c.definitionId(), c.contentHash(), c.hasError(), c.partIndex(), c.partCount(), ordinalAt.applyAsInt(i),
						runId, MetadataColumns.json(c), MetadataColumns.returnType(c), MetadataColumns.hasDoc(c) };
				if (postgres) {
					// The COPY's last column: the words of the chunk's span, computed here rather than by the server.
					row = java.util.Arrays.copyOf(row, row.length + 1);
					row[row.length - 1] = SearchVector.of(c.name(), c.qualifiedName(), StoredText.storable(c.content()));
				}
				rows.add(row);
			}
			if (postgres) {
				this.copy.load(rows);
				continue;
			}
			this.jdbc.batchUpdate("INSERT INTO chunks (repo_id, chunk_id, file_path, file_id, language, node_type, name, "
					+ "qualified_name, parent_chunk_id, start_line, end_line, byte_start, byte_end, definition_id, "
					+ "content_hash, has_error, part_index, part_count, ordinal, run_id, metadata, return_type, has_doc) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows, INSERT_TYPES);
		}
	}

	private void delete(long repoId, long runId, String filePath, List<String> chunkIds) {
		if (chunkIds.isEmpty()) {
			return;
		}
		List<Object[]> rows = chunkIds.stream().map((id) -> new Object[] { repoId, id }).toList();
		this.jdbc.batchUpdate("DELETE FROM chunks WHERE repo_id = ? AND chunk_id = ?", rows);
		List<Object[]> logged = chunkIds.stream().map((id) -> new Object[] { repoId, id, filePath, runId }).toList();
		this.jdbc.batchUpdate("INSERT INTO chunk_deletions (repo_id, chunk_id, file_path, run_id) VALUES (?, ?, ?, ?)", logged);
	}

}
