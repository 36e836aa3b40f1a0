package dev.chunker.pack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.github.treesitter.jtreesitter.Node;
import org.jspecify.annotations.Nullable;

/**
 * The context header of a window: the file's path, its package or module, and the signature of every definition the
 * window lies inside (starts after the definition's first byte), outermost first, one per line:
 * <pre>
 * file: java/util/ArrayList.java
 * package: java.util
 * in: public class ArrayList&lt;E&gt; extends AbstractList&lt;E&gt; implements List&lt;E&gt;, RandomAccess
 * in: public void forEach(Consumer&lt;? super E&gt; action)
 * </pre>
 * A signature is the definition's text up to its body (whitespace collapsed), or its first line when it has none.
 */
final class ContextHeader {

	/** Node types that state a file's package or namespace. */
	static final Set<String> PACKAGE_TYPES = Set.of("package_declaration", "package_clause", "package_header",
			"file_scoped_namespace_declaration");

	static final int MAX_SIGNATURE = 240;

	/** How deep the walk for enclosing definitions goes; deeper ones (in generated code) are not named. */
	static final int MAX_DEPTH = 1000;

	private final Node root;

	private final byte[] bytes;

	private final PackRules rules;

	private final String fileLine;

	ContextHeader(Node root, byte[] bytes, PackRules rules, String filePath, String language) {
		this.root = root;
		this.bytes = bytes;
		this.rules = rules;
		String unit = packageOf(root, bytes, filePath, language);
		this.fileLine = "file: " + filePath + ((unit != null) ? "\npackage: " + unit : "");
	}

	/**
	 * The header of the window that starts at {@code firstByte} (its first byte that is not whitespace). The tree is
	 * walked down from the root (a node's parent costs tree-sitter a walk from the root), at most
	 * {@value #MAX_DEPTH} levels deep.
	 */
	String of(int firstByte) {
		List<String> signatures = new ArrayList<>();
		Node node = this.root;
		for (int depth = 0; depth < MAX_DEPTH; depth++) {
			Optional<Node> child = node.getFirstChildForByte(firstByte);
			if (child.isEmpty() || child.get().getStartByte() > firstByte) {
				break;
			}
			node = child.get();
			if (this.rules.isDefinition(node.getType()) && node.getStartByte() < firstByte) {
				signatures.add("in: " + signature(node, this.bytes));
			}
		}
		return signatures.isEmpty() ? this.fileLine : this.fileLine + "\n" + String.join("\n", signatures);
	}

	static String signature(Node definition, byte[] bytes) {
		int start = definition.getStartByte();
		int end = definition.getChildByFieldName("body").map(Node::getStartByte).orElse(-1);
		if (end <= start) {
			end = start;
			while (end < definition.getEndByte() && bytes[end] != '\n') {
				end++;
			}
		}
		String collapsed = text(bytes, start, end);
		return (collapsed.length() > MAX_SIGNATURE) ? collapsed.substring(0, MAX_SIGNATURE) + "…" : collapsed;
	}

	private static String text(byte[] bytes, int from, int to) {
		return new String(bytes, from, to - from, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
	}

	private static @Nullable String packageOf(Node root, byte[] bytes, String filePath, String language) {
		for (Node child : root.getNamedChildren()) {
			if (PACKAGE_TYPES.contains(child.getType())) {
				String text = text(bytes, child.getStartByte(), child.getEndByte());
				text = text.replaceFirst("^(package|namespace) ", "").replaceFirst(";$", "").strip();
				return text.isEmpty() ? null : text;
			}
		}
		if ("python".equals(language) && filePath.endsWith(".py")) {
			String module = filePath.substring(0, filePath.length() - 3).replaceFirst("^[./]+", "").replace('/', '.');
			return module.endsWith(".__init__") ? module.substring(0, module.length() - ".__init__".length()) : module;
		}
		return null;
	}

}
