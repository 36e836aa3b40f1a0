package dev.chunker.pack;

import java.util.List;

import io.github.treesitter.jtreesitter.Node;

/**
 * One packable piece of one level of the tree: a node, or a declaration with the comments and decorators directly
 * above it (and a comment trailing on its last line), over a byte range that includes its share of the gaps between
 * siblings, so the units of a level tile their parent's range exactly.
 * @param from first byte (inclusive)
 * @param to last byte (exclusive)
 * @param nodes the nodes of the unit in document order
 * @param main the node the others are attached to
 * @param definition whether {@code main} is a definition of the language
 */
record Unit(int from, int to, List<Node> nodes, Node main, boolean definition) {

	Unit {
		nodes = List.copyOf(nodes);
	}

	/** Whether the unit is a single node with nothing below it (text that can only be split on lines). */
	boolean leaf() {
		return this.nodes.size() == 1 && this.main.getChildCount() == 0;
	}

	/** Punctuation or a keyword only, such as a closing brace: it goes with the segment before it. */
	boolean anonymous() {
		return this.nodes.size() == 1 && !this.main.isNamed();
	}

}
