package dev.chunker.mcp;

/**
 * The bounded start of a chunk's content shown by a search result: at most {@link ToolCatalog#EXCERPT_LINES} lines and
 * {@link ToolCatalog#EXCERPT_CHARS} characters.
 * @param text the excerpt
 * @param truncated whether the content goes on
 */
record Excerpt(String text, boolean truncated) {

	static Excerpt of(String content) {
		int end = 0;
		int lines = 0;
		while (end < content.length() && lines < ToolCatalog.EXCERPT_LINES) {
			int newline = content.indexOf('\n', end);
			end = (newline < 0) ? content.length() : newline + 1;
			lines++;
		}
		if (end > ToolCatalog.EXCERPT_CHARS) {
			end = ToolCatalog.EXCERPT_CHARS;
			if (Character.isHighSurrogate(content.charAt(end - 1))) {
				end--;
			}
		}
		return new Excerpt(content.substring(0, end), end < content.length());
	}

}
