package dev.chunker.chunk;

import java.util.ArrayList;
import java.util.List;

import io.github.treesitter.jtreesitter.Node;

/**
 * Splits definitions longer than {@code max_chunk_lines} into parts: cut points are found while the node is at hand
 * (the starts of its child statements), the parts are chosen when the definition's final extent is known.
 */
final class PartSplitter {

	private static final int[] NONE = new int[0];

	private PartSplitter() {
	}

	/** The cut points of a definition that may need splitting (over half the limit), none otherwise. */
	static int[] cutPointsIfLarge(Node node, int start, int end, SourceText source, int maxLines) {
		return (maxLines > 0 && source.lineCount(start, end) > maxLines / 2) ? cutPoints(node, source, maxLines, 0)
				: NONE;
	}

	/** Line-aligned offsets where a large definition may be split: the starts of its child statements. */
	private static int[] cutPoints(Node node, SourceText source, int maxLines, int depth) {
		Node body = node.getChildByFieldName("body").orElse(node);
		List<Integer> cuts = new ArrayList<>();
		for (Node child : body.getNamedChildren()) {
			int start = child.getStartByte();
			if (start > node.getStartByte() && source.startsLine(start)) {
				cuts.add(source.lineStartOf(start));
			}
			if (depth < 3 && source.lineCount(start, child.getEndByte()) > maxLines) {
				for (int inner : cutPoints(child, source, maxLines, depth + 1)) {
					cuts.add(inner);
				}
			}
		}
		return cuts.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
	}

	/**
	 * Greedy split at cut points into parts of at most {@code max} lines where the cut points allow.
	 * @return the parts' start offsets, the first being {@code start}
	 */
	static int[] split(SourceText source, int start, int end, int[] cuts, int max) {
		List<Integer> starts = new ArrayList<>();
		starts.add(start);
		int partStart = start;
		int best = -1;
		for (int cut : cuts) {
			if (cut <= partStart || cut >= end) {
				continue;
			}
			if (source.lineCount(partStart, cut) > max) {
				if (best > partStart) {
					starts.add(best);
					partStart = best;
				}
				if (source.lineCount(partStart, cut) > max) {
					// No cut point inside this statement: the part stays larger than the limit.
					starts.add(cut);
					partStart = cut;
					best = -1;
					continue;
				}
			}
			best = cut;
		}
		if (source.lineCount(partStart, end) > max && best > partStart) {
			starts.add(best);
		}
		return starts.stream().mapToInt(Integer::intValue).toArray();
	}

}
