package dev.chunker.pack;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;

/**
 * Token counts of a named byte-pair encoding, from a pure-Java tokenizer whose encodings ship in its jar (nothing is
 * downloaded). Special tokens such as {@code <|endoftext|>} in source text count as ordinary text. Thread-safe.
 */
public final class TokenCounter {

	public static final String CL100K_BASE = "cl100k_base";

	public static final String O200K_BASE = "o200k_base";

	/** The encodings offered. */
	public static final List<String> ENCODINGS = List.of(CL100K_BASE, O200K_BASE);

	private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

	private static final Map<String, TokenCounter> COUNTERS = new ConcurrentHashMap<>();

	private final Encoding encoding;

	private TokenCounter(Encoding encoding) {
		this.encoding = encoding;
	}

	/**
	 * The counter of a named encoding (loaded once).
	 * @throws IllegalArgumentException when the encoding is not one of {@link #ENCODINGS}
	 */
	public static TokenCounter of(String name) {
		check(name);
		return COUNTERS.computeIfAbsent(name, (key) -> new TokenCounter(REGISTRY.getEncoding(key)
			.orElseThrow(() -> new IllegalArgumentException("the tokenizer has no encoding '" + key + "'"))));
	}

	static void check(String name) {
		if (!ENCODINGS.contains(name)) {
			throw new IllegalArgumentException("the encoding must be one of " + String.join(", ", ENCODINGS) + ", not '"
					+ name + "'");
		}
	}

	public int count(String text) {
		return this.encoding.countTokensOrdinary(text);
	}

}
