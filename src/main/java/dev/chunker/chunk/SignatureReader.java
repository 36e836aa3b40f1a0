package dev.chunker.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.chunker.chunk.DefinitionMetadata.Parameter;
import io.github.treesitter.jtreesitter.Node;
import org.jspecify.annotations.Nullable;

/**
 * Reads what a definition node declares (signature, parameters, return type, modifiers, annotations, doc string) by
 * its language's {@link MetadataRules}: field names and node types, no per-language code. Only the definition's own
 * nodes, its wrapper's and the annotations directly before it are looked at, so the cost per definition is a few
 * node lookups, whatever the size of its body.
 */
final class SignatureReader {

	/** Longest signature kept, in characters; a longer one (minified code) is cut. */
	static final int MAX_SIGNATURE_CHARS = 1000;

	/** Longest parameter name or type kept, in characters. */
	static final int MAX_PART_CHARS = 300;

	/** Levels below a definition searched for the function it holds ({@code const f = () => ...}). */
	private static final int FUNCTION_DEPTH = 3;

	private SignatureReader() {
	}

	/** What a definition node declares, or null when its language has no metadata rules. */
	static @Nullable Declaration read(Node node, SourceText source, CompiledLanguage language) {
		MetadataRules rules = language.rules().metadata();
		if (!rules.enabled()) {
			return null;
		}
		Node function = function(node, rules, 0);
		Node target = (function != null) ? function : node;
		List<String> modifiers = new ArrayList<>();
		List<String> annotations = new ArrayList<>();
		Node parent = node.getParent().orElse(null);
		if (parent != null && language.isWrapper(parent.getType())) {
			describe(parent, node.getStartByte(), source, rules, modifiers, annotations);
		}
		else {
			previousAnnotations(node, source, language, annotations);
		}
		describe(node, Integer.MAX_VALUE, source, rules, modifiers, annotations);
		if (target != node) {
			describe(target, Integer.MAX_VALUE, source, rules, modifiers, annotations);
		}
		List<Parameter> parameters = (function != null) ? ParameterReader.parameters(function, source, language)
				: List.of();
		String returns = typeText(field(target, rules.returns()).or(() -> field(node, rules.returns())).orElse(null),
				source);
		Node body = field(target, rules.bodies()).or(() -> field(node, rules.bodies())).orElse(null);
		int[] doc = rules.docstrings() ? docstring(body) : Declaration.NO_DOC;
		return new Declaration(signature(node, body, source), parameters, returns, List.copyOf(modifiers),
				List.copyOf(annotations), doc[0], doc[1], rules.docPrefixes());
	}

	/** The node holding the parameter list: the definition or a function a few levels inside it (not in a body). */
	private static @Nullable Node function(Node node, MetadataRules rules, int depth) {
		if (field(node, rules.parameters()).isPresent()) {
			return node;
		}
		if (depth >= FUNCTION_DEPTH) {
			return null;
		}
		int count = Math.min(node.getNamedChildCount(), 8);
		for (int i = 0; i < count; i++) {
			Node child = node.getNamedChild(i).orElseThrow();
			if (isBody(node, child, rules)) {
				continue;
			}
			Node found = function(child, rules, depth + 1);
			if (found != null) {
				return found;
			}
		}
		return null;
	}

	private static boolean isBody(Node parent, Node child, MetadataRules rules) {
		for (String body : rules.bodies()) {
			Optional<Node> node = parent.getChildByFieldName(body);
			if (node.isPresent() && node.get().getStartByte() == child.getStartByte()
					&& node.get().getEndByte() == child.getEndByte()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The modifiers and annotations among a node's children that start before {@code before}: keywords and modifier
	 * nodes as their text, modifier lists child by child (their annotations as annotations).
	 */
	private static void describe(Node node, int before, SourceText source, MetadataRules rules, List<String> modifiers,
			List<String> annotations) {
		int count = node.getChildCount();
		for (int i = 0; i < count; i++) {
			Node child = node.getChild(i).orElseThrow();
			if (child.getStartByte() >= before) {
				break;
			}
			String type = child.getType();
			if (rules.annotations().contains(type)) {
				annotations.add(annotation(child, source));
			}
			else if (rules.modifiers().contains(type)) {
				modifier(child, source, rules, modifiers, annotations);
			}
		}
	}

	private static void modifier(Node node, SourceText source, MetadataRules rules, List<String> modifiers,
			List<String> annotations) {
		boolean holdsAnnotations = false;
		for (Node child : node.getNamedChildren()) {
			holdsAnnotations |= rules.annotations().contains(child.getType());
		}
		if (holdsAnnotations) {
			for (Node child : node.getChildren()) {
				if (child.isExtra()) {
					continue;
				}
				String text = collapse(source, child.getStartByte(), child.getEndByte(), MAX_SIGNATURE_CHARS);
				(rules.annotations().contains(child.getType()) ? annotations : modifiers).add(text);
			}
			return;
		}
		String text = collapse(source, node.getStartByte(), node.getEndByte(), MAX_PART_CHARS);
		if (text.indexOf('(') >= 0) {
			modifiers.add(text);
			return;
		}
		for (String word : text.split(" ")) {
			if (!word.isEmpty()) {
				modifiers.add(word);
			}
		}
	}

	/** Annotations that are siblings directly before the definition (TypeScript's decorators, Rust's attributes). */
	private static void previousAnnotations(Node node, SourceText source, CompiledLanguage language,
			List<String> annotations) {
		MetadataRules rules = language.rules().metadata();
		List<String> found = new ArrayList<>();
		Optional<Node> previous = node.getPrevNamedSibling();
		while (previous.isPresent() && found.size() < 64) {
			Node sibling = previous.get();
			String type = sibling.getType();
			if (rules.annotations().contains(type)) {
				found.add(0, annotation(sibling, source));
			}
			else if (!language.isComment(type)) {
				break;
			}
			previous = sibling.getPrevNamedSibling();
		}
		annotations.addAll(found);
	}

	/** An annotation's text, without a comment its node ends with ({@code @decorator  # type: ignore}). */
	private static String annotation(Node node, SourceText source) {
		int end = node.getEndByte();
		int count = node.getChildCount();
		if (count > 1) {
			Node last = node.getChild(count - 1).orElseThrow();
			if (last.isExtra()) {
				end = node.getChild(count - 2).orElseThrow().getEndByte();
			}
		}
		return collapse(source, node.getStartByte(), end, MAX_SIGNATURE_CHARS);
	}

	/** The span of a string first in a body (Python's doc string), or {@link Declaration#NO_DOC}. */
	private static int[] docstring(@Nullable Node body) {
		if (body == null || body.getNamedChildCount() == 0) {
			return Declaration.NO_DOC;
		}
		Node first = body.getNamedChild(0).orElseThrow();
		if (!first.getType().equals("expression_statement") || first.getNamedChildCount() != 1) {
			return Declaration.NO_DOC;
		}
		Node string = first.getNamedChild(0).orElseThrow();
		String type = string.getType();
		if (!type.equals("string") && !type.equals("concatenated_string")) {
			return Declaration.NO_DOC;
		}
		return new int[] { string.getStartByte(), string.getEndByte() };
	}

	/**
	 * The declaration's text up to its body (or, without a body, up to its first {@code {} or line end), without
	 * a trailing {@code :} or {@code {}.
	 */
	private static String signature(Node node, @Nullable Node body, SourceText source) {
		int start = node.getStartByte();
		int end = (body != null && body.getStartByte() > start) ? endBefore(body) : node.getEndByte();
		if (body == null) {
			int limit = Math.min(end, start + 4 * MAX_SIGNATURE_CHARS);
			for (int i = start; i < limit; i++) {
				byte b = source.byteAt(i);
				if (b == '{' || b == '\n') {
					end = i;
					break;
				}
			}
		}
		String text = collapse(source, start, end, MAX_SIGNATURE_CHARS);
		while (text.endsWith(":") || text.endsWith("{") || text.endsWith(" ")) {
			text = text.substring(0, text.length() - 1);
		}
		return text;
	}

	/**
	 * Where the text before a body ends: after the last token before it that is not a comment (Python's comments
	 * between {@code :} and the first statement are not part of the signature).
	 */
	private static int endBefore(Node body) {
		Node previous = body.getPrevSibling().orElse(null);
		while (previous != null && previous.isExtra()) {
			previous = previous.getPrevSibling().orElse(null);
		}
		return (previous != null) ? previous.getEndByte() : body.getStartByte();
	}

	/** A type's text without the {@code :} a type annotation starts with (TypeScript). */
	static @Nullable String typeText(@Nullable Node type, SourceText source) {
		if (type == null) {
			return null;
		}
		String text = collapse(source, type.getStartByte(), type.getEndByte(), MAX_PART_CHARS);
		if (text.startsWith(":")) {
			text = text.substring(1).strip();
		}
		return text.isEmpty() ? null : text;
	}

	static Optional<Node> field(Node node, List<String> fields) {
		for (String field : fields) {
			Optional<Node> child = node.getChildByFieldName(field);
			if (child.isPresent()) {
				return child;
			}
		}
		return Optional.empty();
	}

	/** The text of {@code [from, to)} with each run of white space as one space, trimmed, at most {@code max} chars. */
	static String collapse(SourceText source, int from, int to, int max) {
		String text = source.content(from, Math.min(to, from + 4 * max));
		StringBuilder out = new StringBuilder(Math.min(text.length(), max));
		boolean space = false;
		for (int i = 0; i < text.length() && out.length() < max; i++) {
			char c = text.charAt(i);
			if (Character.isWhitespace(c)) {
				space = out.length() > 0;
				continue;
			}
			if (space) {
				out.append(' ');
				space = false;
			}
			out.append(c);
		}
		return out.toString();
	}

	/**
	 * What a definition node declares, before the assembler adds the doc comment above it and the file's imports.
	 * @param docStart first byte of a doc string inside the definition, or -1
	 * @param docEnd end byte of that doc string, or -1
	 * @param docPrefixes how a comment above the definition starts to be its doc comment (its language's rules)
	 */
	record Declaration(String signature, List<Parameter> parameters, @Nullable String returns, List<String> modifiers,
			List<String> annotations, int docStart, int docEnd, List<String> docPrefixes) {

		static final int[] NO_DOC = { -1, -1 };

	}

}
