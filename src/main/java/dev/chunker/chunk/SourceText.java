package dev.chunker.chunk;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of one file, with what parsing and slicing need: a text for the parser whose UTF-8 encoding has
 * exactly the original byte offsets (invalid UTF-8 bytes and a byte-order mark are replaced by ASCII bytes of the
 * same length), and a line index.
 */
public final class SourceText {

	private final byte[] bytes;

	private final byte[] parseBytes;

	private final int[] lineStarts;

	private final boolean invalidUtf8;

	public SourceText(byte[] bytes) {
		this.bytes = bytes;
		byte[] patched = null;
		int bad = firstInvalidUtf8(bytes, 0);
		if (bad >= 0) {
			patched = bytes.clone();
			while (bad >= 0) {
				patched[bad] = '?';
				bad = firstInvalidUtf8(patched, bad + 1);
			}
		}
		this.invalidUtf8 = patched != null;
		if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
			// A byte-order mark is not code: the parser sees three spaces, offsets stay those of the file.
			patched = (patched != null) ? patched : bytes.clone();
			patched[0] = ' ';
			patched[1] = ' ';
			patched[2] = ' ';
		}
		this.parseBytes = (patched != null) ? patched : bytes;
		this.lineStarts = lineStarts(bytes);
	}

	public byte[] bytes() {
		return this.bytes;
	}

	/** Valid UTF-8 with the same length as the file. */
	public byte[] parseBytes() {
		return this.parseBytes;
	}

	public int length() {
		return this.bytes.length;
	}

	public boolean hasInvalidUtf8() {
		return this.invalidUtf8;
	}

	/** The text handed to the parser. */
	public String parseText() {
		return new String(this.parseBytes, StandardCharsets.UTF_8);
	}

	/** The original bytes of a range decoded as UTF-8, invalid sequences replaced by U+FFFD. */
	public String content(int from, int to) {
		return new String(this.bytes, from, to - from, StandardCharsets.UTF_8);
	}

	/** The 1-based line holding byte {@code offset}. */
	public int lineOf(int offset) {
		int index = Arrays.binarySearch(this.lineStarts, offset);
		return (index >= 0) ? index + 1 : -index - 1;
	}

	/** The 1-based last line of the range {@code [from, to)}. */
	public int endLineOf(int from, int to) {
		return lineOf(Math.max(from, to - 1));
	}

	/** Number of lines the range {@code [from, to)} touches. */
	public int lineCount(int from, int to) {
		return endLineOf(from, to) - lineOf(from) + 1;
	}

	/** Byte offset where the line holding {@code offset} starts. */
	public int lineStartOf(int offset) {
		return this.lineStarts[lineOf(offset) - 1];
	}

	/**
	 * Whether only spaces and tabs lie between the start of the line and {@code offset}. A byte-order mark counts as
	 * blank (as the parser sees it), so a comment on the first line of such a file still starts its line.
	 */
	public boolean startsLine(int offset) {
		for (int i = lineStartOf(offset); i < offset; i++) {
			if (this.parseBytes[i] != ' ' && this.parseBytes[i] != '\t') {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether {@code [from, to)} is whitespace holding at most one line break (no blank line). A range that starts
	 * right after a line break counts that break too: some grammars (Rust's doc comments) end a comment node after
	 * its newline, and a blank line below such a comment must still separate it.
	 */
	public boolean adjacent(int from, int to) {
		if (from > to) {
			return false;
		}
		int breaks = (from > 0 && this.bytes[from - 1] == '\n') ? 1 : 0;
		for (int i = from; i < to; i++) {
			byte b = this.bytes[i];
			if (b == '\n') {
				if (++breaks > 1) {
					return false;
				}
			}
			else if (b != ' ' && b != '\t' && b != '\r' && b != '\f') {
				return false;
			}
		}
		return true;
	}

	/** The file's bytes hold a NUL in the first 8 KiB: the usual test for a binary file. */
	public static boolean looksBinary(byte[] bytes) {
		int limit = Math.min(bytes.length, 8192);
		for (int i = 0; i < limit; i++) {
			if (bytes[i] == 0) {
				return true;
			}
		}
		return false;
	}

	private static int[] lineStarts(byte[] bytes) {
		int count = 1;
		for (byte b : bytes) {
			if (b == '\n') {
				count++;
			}
		}
		int[] starts = new int[count];
		int line = 1;
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == '\n') {
				starts[line++] = i + 1;
			}
		}
		return starts;
	}

	/** Offset of the first byte at or after {@code from} that is not part of a well-formed UTF-8 sequence. */
	static int firstInvalidUtf8(byte[] b, int from) {
		int i = from;
		int n = b.length;
		while (i < n) {
			int c = b[i] & 0xFF;
			if (c < 0x80) {
				i++;
				continue;
			}
			int len;
			int min;
			if (c >= 0xC2 && c <= 0xDF) {
				len = 2;
				min = 0x80;
			}
			else if (c >= 0xE0 && c <= 0xEF) {
				len = 3;
				min = 0x800;
			}
			else if (c >= 0xF0 && c <= 0xF4) {
				len = 4;
				min = 0x10000;
			}
			else {
				return i;
			}
			if (i + len > n) {
				return i;
			}
			int cp = c & (0xFF >> (len + 1));
			for (int k = 1; k < len; k++) {
				int cc = b[i + k] & 0xFF;
				if ((cc & 0xC0) != 0x80) {
					return i;
				}
				cp = (cp << 6) | (cc & 0x3F);
			}
			if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
				return i;
			}
			i += len;
		}
		return -1;
	}

}
