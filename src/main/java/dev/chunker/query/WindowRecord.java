package dev.chunker.query;

/**
 * A stored window of the packed view, as the export and the packed change feed give it; the fields of
 * {@link dev.chunker.pack.PackedWindow} plus its repository and the run that first wrote its id in this file.
 * @param repo repository name
 * @param filePath repository-relative path
 * @param language the language the file was parsed as
 * @param windowIndex position in the file, from 0
 * @param byteStart first byte
 * @param byteEnd end byte (exclusive)
 * @param startLine first line (1-based)
 * @param endLine last line
 * @param windowId content-addressed id (its bytes and how it was cut)
 * @param nwsSize non-whitespace characters
 * @param tokenCount tokens in {@code encoding}
 * @param budget the budget it was packed to
 * @param unit what the budget counts
 * @param encoding the token encoding
 * @param algorithm the packing and its version
 * @param overBudget whether it exceeds the budget (one line too long to split)
 * @param header the context for an embedding model (path, package, enclosing signatures), apart from the content
 * @param content the exact bytes of the span, as UTF-8
 * @param runId the run that first wrote this id in this file
 */
public record WindowRecord(String repo, String filePath, String language, int windowIndex, int byteStart, int byteEnd,
		int startLine, int endLine, String windowId, int nwsSize, int tokenCount, int budget, String unit,
		String encoding, String algorithm, boolean overBudget, String header, String content, long runId) {

}
