package dev.chunker.pack;

import java.util.ArrayList;
import java.util.List;

import io.github.treesitter.jtreesitter.Node;

/**
 * The packing of cAST, top-down: the units of a level are packed greedily into windows in document order; a unit that
 * alone exceeds the budget closes the window and is packed from its own parts (recursively), and a leaf that alone
 * exceeds it is split on line boundaries (a single line that still does not fit is a window of its own: the one way
 * a window may exceed the budget). In {@link PackOptions.Mode#ANCHORED} mode a level is first cut into segments at
 * each definition (a definition, or a run of other units between two), and each segment is packed on its own, so a
 * change of size inside one definition moves no boundary outside it.
 */
final class WindowPacker {

	private final byte[] bytes;

	private final SizeMeasure measure;

	private final int budget;

	private final boolean anchored;

	private final UnitBuilder units;

	private final List<Draft> drafts = new ArrayList<>();

	private int owners;

	WindowPacker(byte[] bytes, SizeMeasure measure, int budget, boolean anchored, PackRules rules) {
		this.bytes = bytes;
		this.measure = measure;
		this.budget = budget;
		this.anchored = anchored;
		this.units = new UnitBuilder(bytes, rules);
	}

	/** The windows of the whole file, in order, tiling {@code [0, bytes.length)}. */
	List<Draft> pack(Node root) {
		if (this.bytes.length == 0) {
			return List.of();
		}
		Unit file = new Unit(0, this.bytes.length, List.of(root), root, false);
		packRun(List.of(file), this.owners++, false);
		return List.copyOf(this.drafts);
	}

	private void packLevel(List<Unit> level, int owner) {
		if (!this.anchored) {
			packRun(level, owner, false);
			return;
		}
		for (List<Unit> segment : Segments.of(level)) {
			boolean definition = segment.getFirst().definition();
			packRun(segment, definition ? this.owners++ : owner, Segments.anchor(this.bytes, segment.getFirst()));
		}
	}

	/** Greedy packing of one run of sibling units. */
	private void packRun(List<Unit> run, int owner, boolean anchor) {
		int first = this.drafts.size();
		boolean descended = false;
		int from = -1;
		int to = -1;
		for (Unit unit : run) {
			if (this.measure.size(unit.from(), unit.to()) > this.budget) {
				close(from, to, owner);
				from = -1;
				descend(unit, owner);
				descended = true;
			}
			else if (from >= 0 && this.measure.size(from, unit.to()) > this.budget) {
				close(from, to, owner);
				from = unit.from();
				to = unit.to();
			}
			else {
				from = (from < 0) ? unit.from() : from;
				to = unit.to();
			}
		}
		close(from, to, owner);
		boolean whole = !descended && this.drafts.size() == first + 1;
		if (this.drafts.size() > first) {
			Draft head = this.drafts.get(first);
			this.drafts.set(first, new Draft(head.from(), head.to(), head.owner(), whole, anchor));
		}
	}

	private void descend(Unit unit, int owner) {
		List<Unit> parts = this.units.expand(unit);
		if (parts.isEmpty()) {
			splitLines(unit.from(), unit.to(), owner);
		}
		else {
			packLevel(parts, owner);
		}
	}

	/** Whole lines, greedily; a line over the budget alone is a window by itself. */
	private void splitLines(int from, int to, int owner) {
		int start = from;
		int fitted = from;
		int position = from;
		while (position < to) {
			int lineEnd = position;
			while (lineEnd < to && this.bytes[lineEnd] != '\n') {
				lineEnd++;
			}
			lineEnd = Math.min(to, lineEnd + 1);
			if (fitted > start && this.measure.size(start, lineEnd) > this.budget) {
				close(start, fitted, owner);
				start = fitted;
			}
			fitted = lineEnd;
			if (this.measure.size(start, fitted) > this.budget) {
				close(start, fitted, owner);
				start = fitted;
			}
			position = lineEnd;
		}
		close(start, to, owner);
	}

	private void close(int from, int to, int owner) {
		if (from >= 0 && to > from) {
			this.drafts.add(new Draft(from, to, owner, false, false));
		}
	}

}
