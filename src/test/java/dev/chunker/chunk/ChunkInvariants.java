package dev.chunker.chunk;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that hold for every chunk of every file, whatever the language: the content is exactly the original bytes
 * of its range, lines agree with bytes, ids follow the documented scheme, parents exist and enclose their children.
 */
public final class ChunkInvariants {

	private ChunkInvariants() {
	}

	/** Asserts every invariant of {@code result}, chunked from {@code bytes}. */
	public static void assertValid(byte[] bytes, FileChunks result) {
		assertThat(result.fileId()).isEqualTo(ChunkIds.fileId(result.filePath()));
		assertThat(result.contentHash()).isEqualTo(ChunkIds.contentHash(bytes, 0, bytes.length));
		assertThat(result.sizeBytes()).isEqualTo(bytes.length);
		assertChunks(bytes, result.chunks());
	}

	/** Asserts the per-chunk invariants of {@code chunks}, all from one file of {@code bytes}. */
	public static void assertChunks(byte[] bytes, List<CodeChunk> chunks) {
		int[] lineStarts = OracleSupport.lineStarts(bytes);
		Map<String, CodeChunk> byId = new HashMap<>();
		Set<String> seen = new HashSet<>();
		CodeChunk previous = null;
		for (CodeChunk chunk : chunks) {
			String where = chunk.nodeType() + " " + chunk.qualifiedName() + " [" + chunk.byteStart() + ","
					+ chunk.byteEnd() + ")";
			assertThat(chunk.byteStart()).as("byte_start of %s", where).isBetween(0, bytes.length);
			assertThat(chunk.byteEnd()).as("byte_end of %s", where).isBetween(chunk.byteStart() + 1, bytes.length);
			// Slice-back: the content is the UTF-8 decoding of exactly the original bytes of the range.
			String slice = new String(bytes, chunk.byteStart(), chunk.byteEnd() - chunk.byteStart(), StandardCharsets.UTF_8);
			assertThat(chunk.content()).as("content of %s", where).isEqualTo(slice);
			assertThat(chunk.startLine()).as("start_line of %s", where)
				.isEqualTo(OracleSupport.lineOf(lineStarts, chunk.byteStart()));
			assertThat(chunk.endLine()).as("end_line of %s", where)
				.isEqualTo(OracleSupport.lineOf(lineStarts, Math.max(chunk.byteStart(), chunk.byteEnd() - 1)));
			// The id scheme.
			assertThat(chunk.fileId()).isEqualTo(ChunkIds.fileId(chunk.filePath()));
			assertThat(chunk.contentHash()).as("content_hash of %s", where)
				.isEqualTo(ChunkIds.contentHash(bytes, chunk.byteStart(), chunk.byteEnd()));
			assertThat(chunk.chunkId()).as("chunk_id of %s", where)
				.isEqualTo(ChunkIds.chunkId(chunk.definitionId(), chunk.partIndex(), chunk.contentHash()));
			assertThat(chunk.partCount()).isPositive();
			assertThat(chunk.partIndex()).isBetween(0, chunk.partCount() - 1);
			assertThat(seen.add(chunk.chunkId())).as("chunk_id of %s is unique in the file", where).isTrue();
			if (previous != null) {
				// Document order: by start, the enclosing (longer) chunk first.
				assertThat(chunk.byteStart()).as("order at %s", where).isGreaterThanOrEqualTo(previous.byteStart());
				if (chunk.byteStart() == previous.byteStart()) {
					assertThat(chunk.byteEnd()).as("order at %s", where).isLessThanOrEqualTo(previous.byteEnd());
				}
			}
			previous = chunk;
			byId.put(chunk.chunkId(), chunk);
		}
		Map<String, int[]> definitionRanges = new HashMap<>();
		for (CodeChunk chunk : chunks) {
			definitionRanges.merge(chunk.definitionId(), new int[] { chunk.byteStart(), chunk.byteEnd() },
					(a, b) -> new int[] { Math.min(a[0], b[0]), Math.max(a[1], b[1]) });
		}
		for (CodeChunk chunk : chunks) {
			if (chunk.parentChunkId() == null) {
				continue;
			}
			CodeChunk parent = byId.get(chunk.parentChunkId());
			assertThat(parent).as("parent of %s %s is a chunk of the file", chunk.nodeType(), chunk.qualifiedName())
				.isNotNull();
			assertThat(parent.definitionId()).isNotEqualTo(chunk.definitionId());
			// The parent is the part holding the start of the child's definition (every part of a split child
			// has the same parent); the parent definition encloses the whole child.
			int childStart = definitionRanges.get(chunk.definitionId())[0];
			assertThat(childStart).as("start of %s in its parent part", chunk.qualifiedName())
				.isBetween(parent.byteStart(), parent.byteEnd() - 1);
			int[] range = definitionRanges.get(parent.definitionId());
			assertThat(chunk.byteStart()).isGreaterThanOrEqualTo(range[0]);
			assertThat(chunk.byteEnd()).isLessThanOrEqualTo(range[1]);
		}
		// Parts of one definition are contiguous, in order, and agree on everything but content.
		Map<String, CodeChunk> lastPart = new HashMap<>();
		for (CodeChunk chunk : chunks.stream().filter((c) -> c.partCount() > 1).toList()) {
			CodeChunk before = lastPart.put(chunk.definitionId(), chunk);
			if (before == null) {
				assertThat(chunk.partIndex()).isZero();
			}
			else {
				assertThat(chunk.partIndex()).isEqualTo(before.partIndex() + 1);
				assertThat(chunk.byteStart()).isEqualTo(before.byteEnd());
				assertThat(chunk.partCount()).isEqualTo(before.partCount());
				assertThat(chunk.qualifiedName()).isEqualTo(before.qualifiedName());
				assertThat(chunk.parentChunkId()).isEqualTo(before.parentChunkId());
			}
		}
		lastPart.values().forEach((last) -> assertThat(last.partIndex()).isEqualTo(last.partCount() - 1));
	}

}
