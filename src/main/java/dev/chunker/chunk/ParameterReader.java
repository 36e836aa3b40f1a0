package dev.chunker.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.chunker.chunk.DefinitionMetadata.Parameter;
import io.github.treesitter.jtreesitter.Node;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of a definition's parameter list, by the language's {@link MetadataRules}: each parameter's name
 * (its name field, its other named child beside a type, the name of a declarator after the type, or its whole text)
 * and its type.
 */
final class ParameterReader {

	private ParameterReader() {
	}

	static List<Parameter> parameters(Node function, SourceText source, CompiledLanguage language) {
		MetadataRules rules = language.rules().metadata();
		Node list = SignatureReader.field(function, rules.parameters()).orElseThrow();
		List<Parameter> parameters = new ArrayList<>();
		if (list.getNamedChildCount() == 0 && list.getChildCount() == 0) {
			// a single parameter without parentheses (an arrow function's `x => ...`)
			parameters.add(new Parameter(SignatureReader.collapse(source, list.getStartByte(), list.getEndByte(), SignatureReader.MAX_PART_CHARS), null));
			return parameters;
		}
		for (Node parameter : list.getNamedChildren()) {
			String type = parameter.getType();
			if (rules.parameterSkip().contains(type) || rules.annotations().contains(type) || language.isComment(type)) {
				continue;
			}
			parameter(parameter, source, rules, parameters);
		}
		return parameters;
	}

	private static void parameter(Node parameter, SourceText source, MetadataRules rules, List<Parameter> into) {
		Node typeNode = SignatureReader.field(parameter, rules.parameterTypes()).orElse(null);
		String type = SignatureReader.typeText(typeNode, source);
		List<Node> names = List.of();
		for (String field : rules.parameterNames()) {
			names = parameter.getChildrenByFieldName(field);
			if (!names.isEmpty()) {
				break;
			}
		}
		if (names.isEmpty() && typeNode != null) {
			// a typed parameter without a name field (Python's `x: int`, `*args: str`): its other named child
			for (Node child : parameter.getNamedChildren()) {
				if (child.getStartByte() != typeNode.getStartByte() && !rules.modifiers().contains(child.getType())
						&& !rules.annotations().contains(child.getType())) {
					names = List.of(child);
					break;
				}
			}
		}
		else if (names.isEmpty() && parameter.getNamedChildCount() > 1) {
			// a declarator after the type (Java's `Object... args`): its name, and the text before it as the type
			Node last = parameter.getNamedChild(parameter.getNamedChildCount() - 1).orElseThrow();
			Optional<Node> name = last.getChildByFieldName("name");
			Node first = firstPlain(parameter, rules);
			if (name.isPresent() && first != null && first.getStartByte() < last.getStartByte()) {
				names = List.of(name.get());
				type = SignatureReader.collapse(source, first.getStartByte(), last.getStartByte(), SignatureReader.MAX_PART_CHARS);
			}
		}
		if (names.isEmpty()) {
			into.add(new Parameter(SignatureReader.collapse(source, parameter.getStartByte(), parameter.getEndByte(), SignatureReader.MAX_PART_CHARS), type));
			return;
		}
		for (Node name : names) {
			into.add(new Parameter(SignatureReader.collapse(source, name.getStartByte(), name.getEndByte(), SignatureReader.MAX_PART_CHARS), type));
		}
	}

	private static @Nullable Node firstPlain(Node parameter, MetadataRules rules) {
		for (Node child : parameter.getNamedChildren()) {
			if (!rules.modifiers().contains(child.getType()) && !rules.annotations().contains(child.getType())) {
				return child;
			}
		}
		return null;
	}

}
