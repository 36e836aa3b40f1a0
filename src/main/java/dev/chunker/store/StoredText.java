package dev.chunker.store;

/** Text as the columns take it. */
final class StoredText {

	/** Width of the message columns ({@code files.error_message}, {@code file_errors.message}). */
	static final int MESSAGE_WIDTH = 2000;

	private StoredText() {
	}

	static String truncate(String text) {
		return (text.length() <= MESSAGE_WIDTH) ? text : text.substring(0, MESSAGE_WIDTH);
	}

	/**
	 * Chunk content as stored: a NUL character (a NUL byte past the first 8 KiB does not make a file binary) becomes
	 * U+FFFD, since PostgreSQL's text types refuse U+0000; H2 stores the same, so both hold the same rows.
	 */
	static String storable(String content) {
		return (content.indexOf('\0') < 0) ? content : content.replace('\0', '\uFFFD');
	}

}
