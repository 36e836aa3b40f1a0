package dev.chunker.chunk;

import java.util.List;

import io.github.treesitter.jtreesitter.Node;

/**
 * Where a definition or a wrapper ends for chunking: at its last token that is not a comment, without trailing
 * white space (a wrapper too, so the definition that takes its span never ends after its enclosing definition).
 * Some grammars let a node run on to the next one (a TOML table, a Markdown section, both up to the next header)
 * or put the comments above the next key into the deepest open block (YAML, TOML); such trailing comments then
 * attach to the definition below them instead.
 */
final class DefinitionEnds {

	private static final int MAX_DEPTH = 64;

	private DefinitionEnds() {
	}

	static int end(Node node, int start, int end, SourceText source, List<String> comments) {
		int last = end;
		Node current = node;
		for (int depth = 0; depth < MAX_DEPTH; depth++) {
			Node child = null;
			boolean commentAfter = false;
			for (int i = current.getChildCount() - 1; i >= 0; i--) {
				Node candidate = current.getChild(i).orElseThrow();
				if (candidate.getEndByte() <= candidate.getStartByte()) {
					continue;
				}
				if (comments.contains(candidate.getType())) {
					commentAfter = true;
					continue;
				}
				child = candidate;
				break;
			}
			if (child == null) {
				break;
			}
			// Only trailing comments move the end back: a node may also end after its last child with a token the
			// tree does not hold (Julia's closing string quote comes from the scanner).
			if (commentAfter) {
				last = child.getEndByte();
			}
			current = child;
		}
		while (last > start && isSpace(source.byteAt(last - 1))) {
			last--;
		}
		return (last > start && last <= end) ? last : end;
	}

	private static boolean isSpace(byte b) {
		return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f';
	}

}
