package dev.chunker.pack;

import java.util.Locale;

/** What a window's budget counts. */
public enum BudgetUnit {

	/** Characters (code points) that are not ASCII whitespace: independent of any model. */
	NWS_CHARS,
	/** Tokens of the configured encoding. */
	TOKENS;

	/** The name used in options and output ({@code nws_chars}, {@code tokens}). */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The unit named {@code id}.
	 * @throws IllegalArgumentException with one sentence naming the accepted values
	 */
	public static BudgetUnit of(String id) {
		for (BudgetUnit unit : values()) {
			if (unit.id().equals(id)) {
				return unit;
			}
		}
		throw new IllegalArgumentException("the budget unit must be nws_chars or tokens, not '" + id + "'");
	}

}
