package dev.chunker.pack;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.github.treesitter.jtreesitter.Node;

/**
 * The packing of cAST, top-down: the units of a level are packed greedily into windows in document order; a unit that
 * alone exceeds the budget is packed from its own parts (recursively), its first part continuing the open window when
 * both belong to the same definition (a declaration's head stays with the start of its body), and a leaf that alone
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

	private final Deque<Run> runs = new ArrayDeque<>();

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
		this.runs.push(new Run(List.of(file), this.owners++, false));
		while (!this.runs.isEmpty()) {
			step(this.runs.peek());
		}
		return List.copyOf(this.drafts);
	}

	/**
	 * One unit of the innermost run. The runs are kept on an explicit stack rather than the call stack: trees can be
	 * tens of thousands of levels deep (a long left-nested sum).
	 */
	private void step(Run run) {
		if (run.first < 0) {
			run.first = this.drafts.size();
		}
		if (run.next == run.units.size()) {
			this.runs.pop();
			finish(run);
			return;
		}
		Unit unit = run.units.get(run.next++);
		if (this.measure.size(unit.from(), unit.to()) > this.budget) {
			// The open window is carried into the unit's parts rather than closed, so a declaration's head (a
			// Python def line, a class header) stays with the start of its oversized body (its doc string).
			int carriedFrom = run.from;
			int carriedTo = run.to;
			run.from = -1;
			run.descended = true;
			List<Unit> parts = this.units.expand(unit);
			if (parts.isEmpty()) {
				close(carriedFrom, carriedTo, run.owner);
				splitLines(unit.from(), unit.to(), run.owner);
			}
			else {
				pushLevel(parts, run.owner);
				Run first = this.runs.peek();
				if (carriedFrom >= 0 && first.owner == run.owner) {
					first.from = carriedFrom;
					first.to = carriedTo;
				}
				else {
					close(carriedFrom, carriedTo, run.owner);
				}
			}
		}
		else if (run.from >= 0 && this.measure.size(run.from, unit.to()) > this.budget) {
			close(run.from, run.to, run.owner);
			run.from = unit.from();
			run.to = unit.to();
		}
		else {
			run.from = (run.from < 0) ? unit.from() : run.from;
			run.to = unit.to();
		}
	}

	/** The runs of one level, the first on top: in anchored mode one per segment, each a definition's or its owner's. */
	private void pushLevel(List<Unit> level, int owner) {
		if (!this.anchored) {
			this.runs.push(new Run(level, owner, false));
			return;
		}
		List<List<Unit>> segments = Segments.of(level);
		List<Run> pushed = new ArrayList<>(segments.size());
		for (List<Unit> segment : segments) {
			boolean definition = segment.getFirst().definition();
			pushed.add(new Run(segment, definition ? this.owners++ : owner, Segments.anchor(this.bytes, segment.getFirst())));
		}
		for (int i = pushed.size() - 1; i >= 0; i--) {
			this.runs.push(pushed.get(i));
		}
	}

	/** Closes a run's last window and marks its first: whole when the run made one window and descended nowhere. */
	private void finish(Run run) {
		close(run.from, run.to, run.owner);
		boolean whole = !run.descended && this.drafts.size() == run.first + 1;
		if (this.drafts.size() > run.first) {
			Draft head = this.drafts.get(run.first);
			this.drafts.set(run.first, new Draft(head.from(), head.to(), head.owner(), whole, run.anchor));
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

	/** A run of sibling units being packed greedily, with its current window {@code [from, to)}. */
	private static final class Run {

		final List<Unit> units;

		final int owner;

		final boolean anchor;

		int next;

		int first = -1;

		boolean descended;

		int from = -1;

		int to = -1;

		Run(List<Unit> units, int owner, boolean anchor) {
			this.units = units;
			this.owner = owner;
			this.anchor = anchor;
		}

	}

}
