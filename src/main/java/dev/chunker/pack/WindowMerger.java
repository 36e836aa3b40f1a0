package dev.chunker.pack;

import java.util.ArrayList;
import java.util.List;

/**
 * The greedy merge of adjacent windows that cAST ends with: a window joins the one before while the two fit the
 * budget together. In anchored mode it joins only a window of the same owner (the same definition), or, when both
 * hold a whole small segment, one across a definition boundary unless its segment is an anchor: the anchors (chosen
 * by content, see {@link Segments#anchor}) cut the sequence into groups so that a change inside one definition can
 * only regroup the windows of its own group.
 */
final class WindowMerger {

	private WindowMerger() {
	}

	static List<Draft> merge(List<Draft> drafts, SizeMeasure measure, int budget, boolean anchored) {
		List<Draft> merged = new ArrayList<>();
		Draft group = null;
		Draft last = null;
		for (Draft draft : drafts) {
			if (group != null && last != null && measure.size(group.from(), draft.to()) <= budget
					&& (!anchored || joins(last, draft))) {
				group = new Draft(group.from(), draft.to(), group.owner(), group.whole(), group.anchor());
			}
			else {
				if (group != null) {
					merged.add(group);
				}
				group = draft;
			}
			last = draft;
		}
		if (group != null) {
			merged.add(group);
		}
		return merged;
	}

	private static boolean joins(Draft last, Draft next) {
		return last.owner() == next.owner() || (last.whole() && next.whole() && !next.anchor());
	}

}
