package dev.chunker.store;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.chunker.chunk.CodeChunk;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The diff between a changed file's stored chunk rows and its new chunks, without a database. */
class ChunkDiffTest {

	@Test
	void newIdsAreInsertedAtTheirPosition() {
		CodeChunk kept = chunk("a", 1, 3, null);
		CodeChunk added = chunk("b", 5, 7, null);
		ChunkDiff diff = ChunkDiff.between(List.of(kept, added), stored(kept, 0));
		assertThat(diff.inserts()).extracting((placed) -> placed.chunk().chunkId()).containsExactly("b");
		assertThat(diff.inserts().get(0).placement().ordinal()).isEqualTo(1);
		assertThat(diff.moves()).isEmpty();
		assertThat(diff.deletes()).isEmpty();
	}

	@Test
	void storedIdsNoLongerProducedAreDeletedInIdOrder() {
		CodeChunk kept = chunk("m", 1, 3, null);
		Map<String, ChunkPlacement> stored = new HashMap<>(stored(kept, 0));
		stored.put("z", placement(1, 10, 12));
		stored.put("c", placement(2, 20, 22));
		stored.put("q", placement(3, 30, 32));
		ChunkDiff diff = ChunkDiff.between(List.of(kept), stored);
		assertThat(diff.deletes()).containsExactly("c", "q", "z");
		assertThat(diff.inserts()).isEmpty();
		assertThat(diff.moves()).isEmpty();
	}

	@Test
	void keptRowWhoseLinesShiftedIsMoved() {
		CodeChunk before = chunk("a", 1, 3, null);
		CodeChunk after = chunk("a", 4, 6, null);
		ChunkDiff diff = ChunkDiff.between(List.of(after), stored(before, 0));
		assertThat(diff.moves()).singleElement().satisfies((moved) -> {
			assertThat(moved.chunk().chunkId()).isEqualTo("a");
			assertThat(moved.placement()).isEqualTo(ChunkPlacement.of(after, 0));
		});
		assertThat(diff.inserts()).isEmpty();
		assertThat(diff.deletes()).isEmpty();
	}

	@Test
	void keptRowWithANewParentOrErrorFlagIsMoved() {
		CodeChunk before = chunk("a", 1, 3, "p1");
		CodeChunk reparented = chunk("a", 1, 3, "p2");
		assertThat(ChunkDiff.between(List.of(reparented), stored(before, 0)).moves()).hasSize(1);
		CodeChunk broken = new CodeChunk("f.py", "python", "function_definition", "a", "a", "p1", 1, 3, 10, 30, "def a(",
				"a", "file", "def-a", "hash-a", true, 0, 1, null);
		assertThat(ChunkDiff.between(List.of(broken), stored(before, 0)).moves()).hasSize(1);
	}

	@Test
	void unchangedFileGivesAnEmptyDiff() {
		CodeChunk first = chunk("a", 1, 3, null);
		CodeChunk second = chunk("b", 5, 7, "a");
		Map<String, ChunkPlacement> stored = new LinkedHashMap<>(stored(first, 0));
		stored.putAll(stored(second, 1));
		ChunkDiff diff = ChunkDiff.between(List.of(first, second), stored);
		assertThat(diff.isEmpty()).isTrue();
	}

	@Test
	void swappedChunksMoveBothAndInsertNothing() {
		// Same ids in another order: only their ordinals (and places) change.
		CodeChunk first = chunk("a", 1, 3, null);
		CodeChunk second = chunk("b", 5, 7, null);
		Map<String, ChunkPlacement> stored = new LinkedHashMap<>(stored(first, 0));
		stored.putAll(stored(second, 1));
		CodeChunk secondNowFirst = chunk("b", 1, 3, null);
		CodeChunk firstNowSecond = chunk("a", 5, 7, null);
		ChunkDiff diff = ChunkDiff.between(List.of(secondNowFirst, firstNowSecond), stored);
		assertThat(diff.moves()).extracting((moved) -> moved.chunk().chunkId() + "@" + moved.placement().ordinal())
			.containsExactly("b@0", "a@1");
		assertThat(diff.inserts()).isEmpty();
		assertThat(diff.deletes()).isEmpty();
	}

	@Test
	void firstFileOfNothingStoredInsertsEverythingInOrder() {
		List<CodeChunk> chunks = List.of(chunk("c", 1, 2, null), chunk("a", 3, 4, null), chunk("b", 5, 6, "a"));
		ChunkDiff diff = ChunkDiff.between(chunks, Map.of());
		assertThat(diff.inserts()).extracting((placed) -> placed.chunk().chunkId() + "@" + placed.placement().ordinal())
			.containsExactly("c@0", "a@1", "b@2");
	}

	private static Map<String, ChunkPlacement> stored(CodeChunk chunk, int ordinal) {
		return Map.of(chunk.chunkId(), ChunkPlacement.of(chunk, ordinal));
	}

	private static ChunkPlacement placement(int ordinal, int startLine, int endLine) {
		return new ChunkPlacement(ordinal, startLine, endLine, startLine * 10, endLine * 10, null, false, null);
	}

	private static CodeChunk chunk(String id, int startLine, int endLine, @Nullable String parent) {
		return new CodeChunk("f.py", "python", "function_definition", id, id, parent, startLine, endLine, startLine * 10,
				endLine * 10, "def " + id + "():\n    pass\n", id, "file", "def-" + id, "hash-" + id, false, 0, 1, null);
	}

}
