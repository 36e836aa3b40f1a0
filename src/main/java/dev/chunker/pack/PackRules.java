package dev.chunker.pack;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.chunker.chunk.LanguageRules;

/**
 * What packing needs to know of a language, taken from its chunk rules ({@code config/languages.yaml}): which node
 * types are definitions (the chunk types, the head node type of each raw pattern, and the wrappers), and which go with
 * the declaration below them (the comment types, and decorators, annotations and attributes, which some grammars
 * make siblings of the declaration they qualify).
 */
final class PackRules {

	/** Decorator-like node types of the grammars, attached to the next sibling even across a blank line. */
	static final Set<String> DECORATORS = Set.of("decorator", "attribute_item", "attribute_list", "annotation",
			"marker_annotation");

	private static final Pattern PATTERN_HEAD = Pattern.compile("^\\(\\s*([A-Za-z_][A-Za-z0-9_]*)");

	private final Set<String> comments;

	private final Set<String> definitions;

	private PackRules(Set<String> comments, Set<String> definitions) {
		this.comments = Set.copyOf(comments);
		this.definitions = Set.copyOf(definitions);
	}

	static PackRules of(LanguageRules rules) {
		Set<String> definitions = new HashSet<>(rules.wrappers());
		for (String type : rules.chunkTypes()) {
			if (!type.startsWith("(")) {
				definitions.add(type);
				continue;
			}
			Matcher head = PATTERN_HEAD.matcher(type);
			if (head.find()) {
				definitions.add(head.group(1));
			}
		}
		return new PackRules(new HashSet<>(rules.comments()), definitions);
	}

	boolean isComment(String type) {
		return this.comments.contains(type);
	}

	/** A comment or a decorator: packed as one unit with the declaration that follows it. */
	boolean isLeading(String type) {
		return this.comments.contains(type) || DECORATORS.contains(type);
	}

	boolean isDefinition(String type) {
		return this.definitions.contains(type);
	}

}
