package dev.chunker.chunk;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * How a language's definitions are described beyond their name ({@code metadata} in {@code config/languages.yaml}):
 * which fields hold a definition's parameters, return type and body, which node types are modifiers and
 * annotations, which comments above a definition are its doc comment, and which statements are imports. All of it
 * is node types and field names, so a language gains metadata with no code change.
 * @param parameters fields of a definition (or of the function inside it) holding its parameter list
 * @param parameterNames fields of a parameter holding its name, tried in order
 * @param parameterTypes fields of a parameter holding its type, tried in order
 * @param parameterSkip node types in a parameter list that are no parameter ({@code *} and {@code /} in Python)
 * @param returns fields of a definition holding its return type, tried in order
 * @param bodies fields holding a definition's body: its signature is the text before the body
 * @param modifiers node types of modifiers: keywords ({@code async}), modifier nodes ({@code pub(crate)}) or lists
 *     of them (Java's {@code modifiers}, whose annotations count as annotations)
 * @param annotations node types of annotations, decorators and attributes
 * @param docPrefixes how a comment above a definition starts to be its doc comment ({@code /**}, {@code ///})
 * @param docstrings whether a string first in a definition's body is its doc (Python)
 * @param imports node types of import statements (or of the single imports of a grouped statement)
 * @param importScopes node types searched for imports below the file's top level (Go's grouped import,
 *     C#'s namespaces)
 */
public record MetadataRules(List<String> parameters, List<String> parameterNames, List<String> parameterTypes,
		Set<String> parameterSkip, List<String> returns, List<String> bodies, Set<String> modifiers,
		Set<String> annotations, List<String> docPrefixes, boolean docstrings, Set<String> imports,
		Set<String> importScopes) {

	/** No metadata: the default for a language whose rules have no {@code metadata} key. */
	public static final MetadataRules NONE = new MetadataRules(List.of(), List.of(), List.of(), Set.of(), List.of(),
			List.of(), Set.of(), Set.of(), List.of(), false, Set.of(), Set.of());

	static final Set<String> KEYS = Set.of("parameters", "parameter_names", "parameter_types", "parameter_skip",
			"returns", "bodies", "modifiers", "annotations", "doc_prefixes", "docstrings", "imports", "import_scopes");

	public MetadataRules {
		parameters = List.copyOf(parameters);
		parameterNames = List.copyOf(parameterNames);
		parameterTypes = List.copyOf(parameterTypes);
		parameterSkip = Set.copyOf(parameterSkip);
		returns = List.copyOf(returns);
		bodies = List.copyOf(bodies);
		modifiers = Set.copyOf(modifiers);
		annotations = Set.copyOf(annotations);
		docPrefixes = List.copyOf(docPrefixes);
		imports = Set.copyOf(imports);
		importScopes = Set.copyOf(importScopes);
	}

	/** Whether definitions of the language get metadata at all. */
	public boolean enabled() {
		return !this.equals(NONE);
	}

	/** The rules of a {@code metadata} mapping; {@code strings} reads one list key with the rules file's wording. */
	static MetadataRules parse(@Nullable Object value, String prefix, String source, ListReader strings) {
		if (value == null) {
			return NONE;
		}
		if (!(value instanceof Map<?, ?> spec)) {
			throw new IllegalArgumentException(source + ": " + prefix + "metadata must be a mapping");
		}
		for (Object key : spec.keySet()) {
			if (!KEYS.contains(String.valueOf(key))) {
				throw new IllegalArgumentException(source + ": unknown key " + prefix + "metadata." + key);
			}
		}
		String at = prefix + "metadata.";
		Object docstrings = spec.get("docstrings");
		if (docstrings != null && !(docstrings instanceof Boolean)) {
			throw new IllegalArgumentException(source + ": " + at + "docstrings must be true or false, was " + docstrings);
		}
		return new MetadataRules(strings.read(spec, "parameters", at), strings.read(spec, "parameter_names", at),
				strings.read(spec, "parameter_types", at), Set.copyOf(strings.read(spec, "parameter_skip", at)),
				strings.read(spec, "returns", at), strings.read(spec, "bodies", at),
				Set.copyOf(strings.read(spec, "modifiers", at)), Set.copyOf(strings.read(spec, "annotations", at)),
				strings.read(spec, "doc_prefixes", at), Boolean.TRUE.equals(docstrings),
				Set.copyOf(strings.read(spec, "imports", at)), Set.copyOf(strings.read(spec, "import_scopes", at)));
	}

	/** Reads one list of non-empty strings from a rules mapping. */
	@FunctionalInterface
	interface ListReader {

		List<String> read(Map<?, ?> spec, String key, String prefix);

	}

}
