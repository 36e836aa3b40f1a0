package dev.chunker.pack;

/**
 * How a file is packed.
 * @param budget the most a window may hold, in {@code unit}
 * @param unit what the budget counts
 * @param encoding the token encoding of {@code token_count} (and of the budget when {@code unit} is tokens)
 * @param mode whether packing restarts at definitions ({@link Mode#ANCHORED}, the product's) or runs over the whole
 *     file in one pass ({@link Mode#PLAIN}, the reference algorithm, kept to measure the difference)
 */
public record PackOptions(int budget, BudgetUnit unit, String encoding, Mode mode) {

	/** The default budget in non-whitespace characters. */
	public static final int DEFAULT_NWS_BUDGET = 1500;

	/** The default budget in tokens (about what 1,500 non-whitespace characters of code come to). */
	public static final int DEFAULT_TOKEN_BUDGET = 512;

	public static final String DEFAULT_ENCODING = TokenCounter.CL100K_BASE;

	public PackOptions {
		if (budget < 1) {
			throw new IllegalArgumentException("the budget must be at least 1, not " + budget);
		}
		TokenCounter.check(encoding);
	}

	/** 1,500 non-whitespace characters, cl100k_base token counts, anchored packing. */
	public static PackOptions defaults() {
		return new PackOptions(DEFAULT_NWS_BUDGET, BudgetUnit.NWS_CHARS, DEFAULT_ENCODING, Mode.ANCHORED);
	}

	public PackOptions withMode(Mode other) {
		return new PackOptions(this.budget, this.unit, this.encoding, other);
	}

	/** The algorithm and its version, part of every window id: a change of either gives every window a new id. */
	public String algorithm() {
		return this.mode.algorithm;
	}

	/** The two packings. */
	public enum Mode {

		/** cAST with packing restarted at each definition and content-anchored merging (see docs/packed-view.md). */
		ANCHORED("cast-anchored/2"),
		/** cAST in one pass over the file, as its reference code does. */
		PLAIN("cast-plain/2");

		private final String algorithm;

		Mode(String algorithm) {
			this.algorithm = algorithm;
		}

	}

}
