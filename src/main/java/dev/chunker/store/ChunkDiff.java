package dev.chunker.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.chunker.chunk.CodeChunk;

/**
 * What turns a changed file's stored chunk rows into its new chunks: rows to insert (ids not stored), kept rows
 * whose place moved, and rows to delete (ids no longer produced). Chunk ids are content hashes, so an unchanged
 * definition keeps its row (and the run that wrote it) even when an edit above it shifts its lines.
 * @param inserts new chunks, each with its ordinal
 * @param moves kept chunks whose placement differs from the stored one, with the new placement
 * @param deletes ids of stored chunks the file no longer has, sorted
 */
public record ChunkDiff(List<Placed> inserts, List<Placed> moves, List<String> deletes) {

	/**
	 * The diff between a file's new chunks (in order) and its stored rows.
	 * @param chunks the new chunks; a chunk's ordinal is its index
	 * @param stored the placements of the stored rows, by chunk id
	 */
	public static ChunkDiff between(List<CodeChunk> chunks, Map<String, ChunkPlacement> stored) {
		Set<String> wanted = new HashSet<>();
		List<Placed> inserts = new ArrayList<>();
		List<Placed> moves = new ArrayList<>();
		for (int i = 0; i < chunks.size(); i++) {
			CodeChunk chunk = chunks.get(i);
			wanted.add(chunk.chunkId());
			ChunkPlacement now = ChunkPlacement.of(chunk, i);
			ChunkPlacement before = stored.get(chunk.chunkId());
			if (before == null) {
				inserts.add(new Placed(chunk, now));
			}
			else if (!now.equals(before)) {
				moves.add(new Placed(chunk, now));
			}
		}
		List<String> deletes = stored.keySet().stream().filter((id) -> !wanted.contains(id)).sorted().toList();
		return new ChunkDiff(List.copyOf(inserts), List.copyOf(moves), deletes);
	}

	/** Whether the stored rows already are the new chunks. */
	public boolean isEmpty() {
		return this.inserts.isEmpty() && this.moves.isEmpty() && this.deletes.isEmpty();
	}

	/**
	 * A chunk with its new placement.
	 * @param chunk the chunk
	 * @param placement where it now sits
	 */
	public record Placed(CodeChunk chunk, ChunkPlacement placement) {
	}

}
