package dev.chunker.chunk;

import java.util.ArrayList;
import java.util.List;

import io.github.treesitter.jtreesitter.Node;
import io.github.treesitter.jtreesitter.Tree;

/**
 * The imports of a file: the statements of the types the language's {@link MetadataRules} name, among the top-level
 * nodes and inside the scopes they name (a grouped Go import, a C# namespace), each as its collapsed text.
 */
final class ImportLister {

	/** Most imports kept per file. */
	static final int MAX_IMPORTS = 1000;

	/** Most top-level nodes looked at: a minified file's thousands of statements hold no more imports. */
	private static final int MAX_NODES = 20_000;

	private ImportLister() {
	}

	static List<String> imports(Tree tree, SourceText source, CompiledLanguage language) {
		MetadataRules rules = language.rules().metadata();
		if (rules.imports().isEmpty()) {
			return List.of();
		}
		List<String> imports = new ArrayList<>();
		collect(tree.getRootNode(), source, rules, imports, 0, new int[1]);
		return List.copyOf(imports);
	}

	private static void collect(Node node, SourceText source, MetadataRules rules, List<String> into, int depth,
			int[] visited) {
		int count = node.getNamedChildCount();
		for (int i = 0; i < count && into.size() < MAX_IMPORTS && visited[0]++ < MAX_NODES; i++) {
			Node child = node.getNamedChild(i).orElseThrow();
			String type = child.getType();
			if (rules.imports().contains(type)) {
				into.add(SignatureReader.collapse(source, child.getStartByte(), child.getEndByte(),
						SignatureReader.MAX_SIGNATURE_CHARS));
			}
			else if (depth < 4 && rules.importScopes().contains(type)) {
				collect(child, source, rules, into, depth + 1, visited);
			}
		}
	}

}
