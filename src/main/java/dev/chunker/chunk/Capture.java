package dev.chunker.chunk;

import org.jspecify.annotations.Nullable;

/**
 * One node the rules mark, reduced to the few fields assembly needs (no Java node is kept).
 * @param kind {@link #WRAPPER}, {@link #CHUNK}, {@link #COMMENT} or {@link #SKIP}
 * @param start first byte
 * @param end byte after the last
 * @param type node type name (shared per grammar symbol), empty for comments and skipped regions
 * @param name the definition's name, if it has one
 * @param hasError whether the node holds a syntax error
 * @param cuts line-aligned offsets where a large definition may be split
 * @param wrappable for a definition: whether a wrapper around it lends it its span (it is the wrapper's own
 *     definition, not one deep inside an expression the wrapper holds, as in {@code export default f({ m() {} })})
 * @param declaration for a definition of a language with metadata rules: what it declares
 */
record Capture(int kind, int start, int end, String type, @Nullable String name, boolean hasError, int[] cuts,
		boolean wrappable, SignatureReader.@Nullable Declaration declaration) {

	/** A node whose extent a definition inside it takes (a decorator, an export statement). */
	static final int WRAPPER = 0;

	/** A definition: becomes one chunk or, when large, several parts. */
	static final int CHUNK = 1;

	/** A comment, attached to the definition that follows it directly. */
	static final int COMMENT = 2;

	/** A region whose definitions are not chunked. */
	static final int SKIP = 3;

	private static final int[] NO_CUTS = new int[0];

	static Capture marker(int kind, int start, int end) {
		return new Capture(kind, start, end, "", null, false, NO_CUTS, false, null);
	}

	static Capture wrapper(int start, int end, String type, @Nullable String name, boolean hasError) {
		return new Capture(WRAPPER, start, end, type, name, hasError, NO_CUTS, false, null);
	}

}
