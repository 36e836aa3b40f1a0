package dev.chunker.pack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The segments of one level: each definition on its own, and each run of other units between definitions; a run of
 * punctuation only (a closing brace) joins the segment before it. And the content-chosen anchors that bound merging.
 */
final class Segments {

	/** About one segment in this many starts a merge group of its own. */
	static final int ANCHOR_ONE_IN = 4;

	private Segments() {
	}

	static List<List<Unit>> of(List<Unit> level) {
		List<List<Unit>> segments = new ArrayList<>();
		List<Unit> run = new ArrayList<>();
		for (Unit unit : level) {
			if (unit.definition()) {
				close(run, segments);
				segments.add(List.of(unit));
			}
			else {
				run.add(unit);
			}
		}
		close(run, segments);
		return segments;
	}

	private static void close(List<Unit> run, List<List<Unit>> segments) {
		if (run.isEmpty()) {
			return;
		}
		if (!segments.isEmpty() && run.stream().allMatch(Unit::anonymous)) {
			List<Unit> joined = new ArrayList<>(segments.removeLast());
			joined.addAll(run);
			segments.add(joined);
		}
		else {
			segments.add(List.copyOf(run));
		}
		run.clear();
	}

	/**
	 * Whether a segment starts a merge group: chosen by a hash of the non-whitespace text of the line its declaration
	 * starts on (a signature line, not a comment's), so the choice survives any edit of the body and the same on
	 * every machine.
	 */
	/** How far from a declaration's start its anchor line is read. */
	static final int ANCHOR_REACH = 1024;

	static boolean anchor(byte[] bytes, Unit first) {
		int start = first.main().getStartByte();
		// At most ANCHOR_REACH bytes either side: a minified file's one line of megabytes holds thousands of
		// definitions, and reading the whole line for each would be quadratic. Lines of code are far shorter.
		int lineStart = start;
		int reachBack = Math.max(0, start - ANCHOR_REACH);
		while (lineStart > reachBack && bytes[lineStart - 1] != '\n') {
			lineStart--;
		}
		int lineEnd = start;
		int reachOn = Math.min(bytes.length, start + ANCHOR_REACH);
		while (lineEnd < reachOn && bytes[lineEnd] != '\n') {
			lineEnd++;
		}
		String line = new String(bytes, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8).replaceAll("\\s+", "");
		int hash = line.hashCode();
		hash ^= hash >>> 16;
		hash *= 0x45d9f3b;
		hash ^= hash >>> 16;
		return Integer.remainderUnsigned(hash, ANCHOR_ONE_IN) == 0;
	}

}
