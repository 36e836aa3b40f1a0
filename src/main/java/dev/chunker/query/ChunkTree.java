package dev.chunker.query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Finds chunks by id (or id prefix) and walks the tree around one: its enclosing chunks and its children; and the
 * chunks of one file.
 */
public final class ChunkTree {

	/** Most ancestors walked from a chunk (a guard against a corrupt cycle). */
	static final int MAX_DEPTH = 64;

	private final QueryDatabase db;

	ChunkTree(QueryDatabase db) {
		this.db = db;
	}

	/** The chunk with this id (one per repository holding it), or with ids starting with this prefix. */
	public List<ChunkRecord> chunksById(String idOrPrefix, @Nullable Long repoId, int limit) {
		WhereClause sql = new WhereClause();
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
		return this.db.jdbc()
			.query("SELECT " + ChunkRows.COLUMNS + ChunkRows.FROM + sql.where() + " ORDER BY r.name, c.chunk_id LIMIT ?",
					(rs, i) -> ChunkRows.chunk(rs, false), args.toArray());
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
		return this.db.jdbc()
			.query("SELECT " + ChunkRows.COLUMNS + ChunkRows.FROM
					+ " WHERE c.repo_id = ? AND c.parent_chunk_id = CAST(? AS CHAR(40)) ORDER BY c.byte_start, c.ordinal LIMIT ? OFFSET ?",
					(rs, i) -> ChunkRows.chunk(rs, false), repoId, chunkId, limit, offset);
	}

	/** The chunks of one file (its exact repository-relative path), by position. */
	public List<ChunkRecord> fileChunks(long repoId, String path, int limit) {
		return this.db.jdbc()
			.query("SELECT " + ChunkRows.COLUMNS + ChunkRows.FROM
					+ " WHERE c.repo_id = ? AND c.file_path = ? ORDER BY c.byte_start, c.ordinal LIMIT ?",
					(rs, i) -> ChunkRows.chunk(rs, false), repoId, path, limit);
	}

	public long countFileChunks(long repoId, String path) {
		return this.db.count("SELECT COUNT(*) FROM chunks c WHERE c.repo_id = ? AND c.file_path = ?", repoId, path);
	}

	public long countChildren(long repoId, String chunkId) {
		return this.db.count(
				"SELECT COUNT(*) FROM chunks c WHERE c.repo_id = ? AND c.parent_chunk_id = CAST(? AS CHAR(40))", repoId,
				chunkId);
	}

}
