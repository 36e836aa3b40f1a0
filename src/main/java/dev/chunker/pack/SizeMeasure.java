package dev.chunker.pack;

import java.nio.charset.StandardCharsets;

/** The size of a byte range of one file, in the budget's unit. */
interface SizeMeasure {

	int size(int from, int to);

	/**
	 * Non-whitespace characters from prefix sums over the file, so any range costs two array reads: a byte counts
	 * when it is neither ASCII whitespace nor a UTF-8 continuation byte (one count per code point).
	 */
	static SizeMeasure nonWhitespace(byte[] bytes) {
		int[] prefix = nonWhitespacePrefix(bytes);
		return (from, to) -> prefix[to] - prefix[from];
	}

	/** Tokens of the range's text (tokenization is not additive, so a range is always counted whole). */
	static SizeMeasure tokens(byte[] bytes, TokenCounter counter) {
		return (from, to) -> counter.count(new String(bytes, from, to - from, StandardCharsets.UTF_8));
	}

	static int[] nonWhitespacePrefix(byte[] bytes) {
		int[] prefix = new int[bytes.length + 1];
		for (int i = 0; i < bytes.length; i++) {
			prefix[i + 1] = prefix[i] + (counts(bytes[i]) ? 1 : 0);
		}
		return prefix;
	}

	private static boolean counts(byte b) {
		return b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x0B && (b & 0xC0) != 0x80;
	}

}
