package dev.chunker.chunk;

import java.util.Optional;

import io.github.treesitter.jtreesitter.Node;
import org.jspecify.annotations.Nullable;

/** The name of a definition node: its name field (followed through declarators) or a name-holding child. */
final class DefinitionNames {

	private static final int MAX_NAME_BYTES = 200;

	private DefinitionNames() {
	}

	static @Nullable String name(Node node, SourceText source, CompiledLanguage language) {
		LanguageRules rules = language.rules();
		Optional<Node> named = nameField(node, rules);
		if (named.isPresent()) {
			return nameOf(named.get(), source, rules, 0);
		}
		// Holders are looked for among the node's children, then (when none is there) among the children of its
		// first child: an OCaml module_definition holds a module_binding that holds the module_name.
		Node current = node;
		for (int level = 0; level < 2 && !rules.nameHolders().isEmpty(); level++) {
			int count = current.getNamedChildCount();
			for (int i = 0; i < count && i < 16; i++) {
				Node child = current.getNamedChild(i).orElseThrow();
				if (language.isNameHolder(child.getType())) {
					// a holder without a name field of its own is named by its first identifier (an Elm
					// function_declaration_left) or else is the name itself (a TOML key, a Markdown heading)
					return nameOf(nameField(child, rules).or(() -> firstIdentifier(child)).orElse(child), source, rules,
							0);
				}
			}
			if (count == 0) {
				break;
			}
			current = current.getNamedChild(0).orElseThrow();
		}
		return null;
	}

	private static Optional<Node> firstIdentifier(Node node) {
		if (node.getNamedChildCount() == 0) {
			return Optional.empty();
		}
		return node.getNamedChild(0).filter((child) -> isIdentifier(child.getType()));
	}

	private static Optional<Node> nameField(Node node, LanguageRules rules) {
		for (String field : rules.nameFields()) {
			Optional<Node> child = node.getChildByFieldName(field);
			if (child.isPresent()) {
				return child;
			}
		}
		return Optional.empty();
	}

	private static @Nullable String nameOf(Node node, SourceText source, LanguageRules rules, int depth) {
		String type = node.getType();
		if (isIdentifier(type) || depth > 8) {
			return text(node, source);
		}
		for (String field : rules.nameFields()) {
			Optional<Node> child = node.getChildByFieldName(field);
			if (child.isPresent()) {
				return nameOf(child.get(), source, rules, depth + 1);
			}
		}
		if (type.endsWith("declarator")) {
			int count = node.getNamedChildCount();
			for (int i = 0; i < count; i++) {
				Node child = node.getNamedChild(i).orElseThrow();
				String childType = child.getType();
				if (isIdentifier(childType) || childType.endsWith("declarator")) {
					return nameOf(child, source, rules, depth + 1);
				}
			}
		}
		return text(node, source);
	}

	private static boolean isIdentifier(String type) {
		// qualified_name (C# "Demo.Services"), scope_resolution (Ruby "A::B") and extract_operator (R "obj$f") are
		// names as a whole: their own name field holds only one part.
		return type.contains("identifier") || type.equals("name") || type.equals("qualified_name")
				|| type.equals("scope_resolution") || type.equals("extract_operator") || type.equals("constant") || type.equals("word")
				|| type.equals("operator_name") || type.equals("destructor_name");
	}

	/** A node's text as a name: stripped, on one line and not too long, else null. */
	static @Nullable String text(Node node, SourceText source) {
		int start = node.getStartByte();
		int end = node.getEndByte();
		if (end - start > MAX_NAME_BYTES || end <= start) {
			return null;
		}
		String text = source.content(start, end).strip();
		return (text.indexOf('\n') >= 0) ? null : text;
	}

}
