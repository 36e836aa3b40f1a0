package dev.chunker.pack;

/**
 * One window of the packed view. The windows of a file, in order, concatenate to the file byte for byte.
 * @param filePath repository-relative path, {@code /} separated
 * @param language the language it was parsed as
 * @param windowIndex position in the file, from 0
 * @param byteStart first byte (0-based)
 * @param byteEnd end byte (exclusive)
 * @param startLine first line (1-based)
 * @param endLine last line (inclusive)
 * @param windowId {@code sha1("window", algorithm, unit, budget, encoding, sha1(content bytes))}: the content and
 *     how it was cut, not the path, the position or the header
 * @param nwsSize non-whitespace characters of the content
 * @param tokenCount tokens of the content in {@code encoding}
 * @param budget the budget the window was packed to
 * @param unit what the budget counts ({@code nws_chars} or {@code tokens})
 * @param encoding the token encoding
 * @param algorithm the packing and its version
 * @param overBudget whether the window exceeds the budget (only a single line too long to split does)
 * @param header the context of the window for an embedding model: path, package or module, the signatures of the
 *     definitions it lies in; kept apart so the content stays verbatim
 * @param content the original bytes of {@code [byteStart, byteEnd)} as UTF-8 (invalid sequences as U+FFFD)
 */
public record PackedWindow(String filePath, String language, int windowIndex, int byteStart, int byteEnd,
		int startLine, int endLine, String windowId, int nwsSize, int tokenCount, int budget, String unit,
		String encoding, String algorithm, boolean overBudget, String header, String content) {

}
