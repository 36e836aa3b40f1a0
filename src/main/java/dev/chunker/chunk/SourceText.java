package dev.chunker.chunk;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * The bytes of one file, with what parsing and slicing need: a text for the parser whose UTF-8 encoding has
 * exactly the original byte offsets (invalid UTF-8 bytes and a byte-order mark are replaced by ASCII bytes of the
 * same length), and a line index. Backed by a heap array, or by a memory-mapped file for huge files: those are never
 * copied whole onto the heap, the parser reads them in slices.
 */
public final class SourceText {

	private final ByteBuffer data;

	private final byte @Nullable [] bytes;

	private final byte @Nullable [] parseBytes;

	private final int[] lineStarts;

	private volatile boolean invalidUtf8;

	private final boolean bom;

	public SourceText(byte[] bytes) {
		this.data = ByteBuffer.wrap(bytes);
		this.bytes = bytes;
		byte[] patched = null;
		int bad = firstInvalidUtf8(bytes, 0, bytes.length);
		if (bad >= 0) {
			patched = bytes.clone();
			while (bad >= 0) {
				patched[bad] = '?';
				bad = firstInvalidUtf8(patched, bad + 1, patched.length);
			}
		}
		this.invalidUtf8 = patched != null;
		if (bytes.length >= 3 && hasBom(bytes.length, bytes[0], bytes[1], bytes[2])) {
			// A byte-order mark is not code: the parser sees three spaces, offsets stay those of the file.
			patched = (patched != null) ? patched : bytes.clone();
			patched[0] = ' ';
			patched[1] = ' ';
			patched[2] = ' ';
		}
		this.parseBytes = (patched != null) ? patched : bytes;
		this.bom = bytes.length >= 3 && hasBom(bytes.length, bytes[0], bytes[1], bytes[2]);
		this.lineStarts = lineStarts(this.data);
	}

	private SourceText(ByteBuffer mapped) {
		this.data = mapped;
		this.bytes = null;
		this.parseBytes = null;
		int length = mapped.limit();
		this.bom = length >= 3 && hasBom(length, mapped.get(0), mapped.get(1), mapped.get(2));
		this.lineStarts = lineStarts(mapped);
	}

	/** A source over a memory-mapped file: nothing is copied onto the heap but slices. */
	public static SourceText mapped(ByteBuffer buffer) {
		return new SourceText(buffer);
	}

	private static boolean hasBom(int length, byte b0, byte b1, byte b2) {
		return length >= 3 && (b0 & 0xFF) == 0xEF && (b1 & 0xFF) == 0xBB && (b2 & 0xFF) == 0xBF;
	}

	/** Whether the whole text is on the heap ({@link #parseText()} may be used). */
	public boolean onHeap() {
		return this.parseBytes != null;
	}

	public int length() {
		return this.data.limit();
	}

	public byte byteAt(int offset) {
		return this.data.get(offset);
	}

	public boolean hasInvalidUtf8() {
		return this.invalidUtf8;
	}

	/** The text handed to the parser (heap sources only). */
	public String parseText() {
		if (this.parseBytes == null) {
			throw new IllegalStateException("a mapped source is parsed in slices");
		}
		return new String(this.parseBytes, StandardCharsets.UTF_8);
	}

	/**
	 * Up to {@code max} bytes from {@code offset} as valid UTF-8 of exactly the same byte length, ending on a
	 * character boundary: what the parser reads on the callback path.
	 */
	public String parseSlice(int offset, int max) {
		int length = length();
		if (offset >= length) {
			return "";
		}
		int end = Math.min(length, offset + Math.max(4, max));
		int backOff = 0;
		while (end < length && backOff < 3 && (byteAt(end) & 0xC0) == 0x80) {
			end--;
			backOff++;
		}
		if (this.parseBytes != null) {
			return new String(this.parseBytes, offset, end - offset, StandardCharsets.UTF_8);
		}
		byte[] slice = new byte[end - offset];
		this.data.get(offset, slice);
		int bad = firstInvalidUtf8(slice, 0, slice.length);
		while (bad >= 0) {
			this.invalidUtf8 = true;
			slice[bad] = '?';
			bad = firstInvalidUtf8(slice, bad + 1, slice.length);
		}
		if (offset == 0 && hasBom(length, byteAt(0), length > 1 ? byteAt(1) : 0, length > 2 ? byteAt(2) : 0)) {
			slice[0] = ' ';
			slice[1] = ' ';
			slice[2] = ' ';
		}
		return new String(slice, StandardCharsets.UTF_8);
	}

	/** The original bytes of a range decoded as UTF-8, invalid sequences replaced by U+FFFD. */
	public String content(int from, int to) {
		if (this.bytes != null) {
			return new String(this.bytes, from, to - from, StandardCharsets.UTF_8);
		}
		return StandardCharsets.UTF_8.decode(this.data.slice(from, to - from)).toString();
	}

	/** SHA-1 of the original bytes of a range, lower-case hex. */
	public String contentHash(int from, int to) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-1");
			digest.update(this.data.slice(from, to - from));
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
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
			byte b = byteAt(i);
			if (i < 3 && this.bom) {
				continue;
			}
			if (b != ' ' && b != '\t') {
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
		int breaks = (from > 0 && byteAt(from - 1) == '\n') ? 1 : 0;
		for (int i = from; i < to; i++) {
			byte b = byteAt(i);
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

	private static int[] lineStarts(ByteBuffer data) {
		int length = data.limit();
		int count = 1;
		for (int i = 0; i < length; i++) {
			if (data.get(i) == '\n') {
				count++;
			}
		}
		int[] starts = new int[count];
		int line = 1;
		for (int i = 0; i < length; i++) {
			if (data.get(i) == '\n') {
				starts[line++] = i + 1;
			}
		}
		return starts;
	}

	/** Offset of the first byte in {@code [from, to)} that is not part of a well-formed UTF-8 sequence. */
	static int firstInvalidUtf8(byte[] b, int from, int to) {
		int i = from;
		int n = to;
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
