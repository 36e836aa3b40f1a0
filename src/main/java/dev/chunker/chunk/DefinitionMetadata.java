package dev.chunker.chunk;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a definition declares, beside its name: its signature, parameters, return type, modifiers, annotations and
 * doc, and the imports of its file. Found by the language's {@link MetadataRules} on the parsed tree; every text is
 * the source's own, with runs of white space as one space (the doc keeps its lines). Field names in JSON are the
 * snake_case forms of these components, and are part of the product's contract.
 * @param signature the declaration up to its body: modifiers, annotations inside it, name, parameters, return type
 * @param parameters the parameters in order (record components for a record)
 * @param returns the declared return type (a property's or field's type), or null when none is written
 * @param modifiers modifier keywords in order ({@code public}, {@code static}, {@code async}, {@code pub(crate)})
 * @param annotations annotations, decorators and attributes in order, each as written ({@code @Override})
 * @param doc the doc comment or doc string without its comment markers, quotes and common indentation, or null
 * @param docByteStart first byte of the doc comment or doc string in the file, or null when there is none
 * @param docByteEnd end byte (exclusive) of the doc comment or doc string, or null when there is none
 * @param imports the import statements at the file's top level (and in the scopes the rules name), in order
 */
public record DefinitionMetadata(String signature, List<Parameter> parameters, @Nullable String returns,
		List<String> modifiers, List<String> annotations, @Nullable String doc, @Nullable Integer docByteStart,
		@Nullable Integer docByteEnd, List<String> imports) {

	public DefinitionMetadata {
		parameters = List.copyOf(parameters);
		modifiers = List.copyOf(modifiers);
		annotations = List.copyOf(annotations);
		imports = List.copyOf(imports);
	}

	/**
	 * One parameter.
	 * @param name its name as written (with {@code *}, {@code **} or {@code ...} for rest parameters), or the
	 *     whole parameter when it has no separate name ({@code &mut self})
	 * @param type its declared type, or null when none is written
	 */
	public record Parameter(String name, @Nullable String type) {
	}

}
