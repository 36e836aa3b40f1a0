package dev.chunker.pack;

import java.util.ArrayList;
import java.util.List;

import io.github.treesitter.jtreesitter.Node;

/**
 * Turns the children of one node into units: leading comments and decorators are grouped with the declaration below
 * them (a comment only when no blank line separates them, as the definition chunks attach comments), a comment on
 * the line where the previous unit ends stays with that unit, and the gaps between units are shared out so the units
 * tile the range: a gap that holds a line break is cut at the start of the next unit's line (the indentation goes
 * with the unit, the line break with the one before), any other gap goes to the unit before it.
 */
final class UnitBuilder {

	private final byte[] bytes;

	private final PackRules rules;

	UnitBuilder(byte[] bytes, PackRules rules) {
		this.bytes = bytes;
		this.rules = rules;
	}

	/** The children of {@code node}, grouped, over {@code [from, to)}. */
	List<Unit> children(Node node, int from, int to) {
		return tile(group(node.getChildren()), from, to);
	}

	/**
	 * The parts of a unit that is too large: its attached comments each on their own, then the children of its main
	 * node (grouped), or the main node itself when it has none. Empty for a leaf.
	 */
	List<Unit> expand(Unit unit) {
		if (unit.leaf()) {
			return List.of();
		}
		List<List<Node>> groups = new ArrayList<>();
		for (Node node : unit.nodes()) {
			if (node == unit.main() && node.getChildCount() > 0) {
				groups.addAll(group(node.getChildren()));
			}
			else if (node.getEndByte() > node.getStartByte()) {
				groups.add(List.of(node));
			}
		}
		return tile(groups, unit.from(), unit.to());
	}

	private List<List<Node>> group(List<Node> children) {
		List<List<Node>> groups = new ArrayList<>();
		List<Node> pending = new ArrayList<>();
		for (Node child : children) {
			if (child.getEndByte() <= child.getStartByte()) {
				continue;
			}
			String type = child.getType();
			if (pending.isEmpty() && !groups.isEmpty() && this.rules.isComment(type) && sameLine(last(groups), child)) {
				groups.set(groups.size() - 1, append(last(groups), child));
				continue;
			}
			if (!pending.isEmpty() && brokenBefore(pending.getLast(), child)) {
				pending.forEach((node) -> groups.add(List.of(node)));
				pending.clear();
			}
			pending.add(child);
			if (!this.rules.isLeading(type)) {
				groups.add(List.copyOf(pending));
				pending.clear();
			}
		}
		pending.forEach((node) -> groups.add(List.of(node)));
		return groups;
	}

	/** A comment separated by a blank line from what follows is not attached to it; a decorator always is. */
	private boolean brokenBefore(Node previous, Node next) {
		return this.rules.isComment(previous.getType()) && newlines(previous.getEndByte(), next.getStartByte()) >= 2;
	}

	private boolean sameLine(List<Node> group, Node comment) {
		return newlines(group.getLast().getEndByte(), comment.getStartByte()) == 0;
	}

	private List<Unit> tile(List<List<Node>> groups, int from, int to) {
		List<Unit> units = new ArrayList<>(groups.size());
		int start = from;
		for (int i = 0; i < groups.size(); i++) {
			List<Node> nodes = groups.get(i);
			int end = to;
			if (i + 1 < groups.size()) {
				end = Math.max(start, Math.min(to, cut(nodes.getLast().getEndByte(), groups.get(i + 1).getFirst().getStartByte())));
			}
			if (end > start) {
				units.add(new Unit(start, end, nodes, main(nodes), this.rules.isDefinition(main(nodes).getType())));
				start = end;
			}
		}
		if (start < to && !units.isEmpty()) {
			Unit tail = units.removeLast();
			units.add(new Unit(tail.from(), to, tail.nodes(), tail.main(), tail.definition()));
		}
		return units;
	}

	/** Where the gap {@code [end, next)} between two units is cut. */
	private int cut(int end, int next) {
		if (next <= end) {
			return end;
		}
		int lineStart = next;
		while (lineStart > end && this.bytes[lineStart - 1] != '\n') {
			lineStart--;
		}
		return (lineStart > end) ? lineStart : next;
	}

	/** The declaration of a group: its first node that is not a comment or decorator (or its first node). */
	private Node main(List<Node> nodes) {
		for (Node node : nodes) {
			if (!this.rules.isLeading(node.getType())) {
				return node;
			}
		}
		return nodes.getFirst();
	}

	private int newlines(int from, int to) {
		int count = 0;
		for (int i = Math.max(0, from); i < Math.min(to, this.bytes.length); i++) {
			if (this.bytes[i] == '\n') {
				count++;
			}
		}
		return count;
	}

	private static List<Node> last(List<List<Node>> groups) {
		return groups.getLast();
	}

	private static List<Node> append(List<Node> group, Node node) {
		List<Node> longer = new ArrayList<>(group);
		longer.add(node);
		return longer;
	}

}
