package dev.chunker.chunk;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded byte mutations of a file, each described so a failure can be read and replayed: bit flips, truncation,
 * insertion (NULs, invalid UTF-8, random bytes, a byte-order mark, lone CRs, bracket and comment openers), deletion
 * and duplication of ranges, and now and then growing the file past the parser's callback threshold
 * ({@link FileChunker#CANCELLABLE_PARSE_BYTES}) so the slicing of the text read through the callback meets invalid
 * bytes too.
 */
final class Mutator {

	/** Byte sequences worth inserting: what breaks decoders and grammars. */
	private static final byte[][] NASTY = { { 0 }, { 0, 0, 0, 0 }, { (byte) 0xFF }, { (byte) 0xFE, (byte) 0xFF },
			{ (byte) 0xC0, (byte) 0xAF }, { (byte) 0x80 }, { (byte) 0xBF, (byte) 0x80, (byte) 0x80 },
			{ (byte) 0xE2, (byte) 0x82 }, { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
			{ (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 }, { (byte) 0xF0, (byte) 0x9F, (byte) 0x98 },
			{ (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, { '\r' }, { '\r', '\r', '\n' }, bytes("\u2028\u00e9\ud83d\ude00"),
			bytes("{{{{{{{{"), bytes("))))]]]}}}"), bytes("(((((((((((("), bytes("/*"), bytes("*/"), bytes("\""),
			bytes("'''"), bytes("\"\"\""), bytes("<?php"), bytes("?>"), bytes("`${"), bytes("<<EOF\n"), bytes("#"),
			bytes("\\"), bytes("@"), bytes("</"), bytes("r#\""), bytes("#if 0\n"), bytes("#endif\n"), bytes("\t\t\t\t") };

	private Mutator() {
	}

	/**
	 * The mutated bytes and what was done.
	 * @param bytes the result
	 * @param steps each mutation applied, in order
	 */
	record Mutation(byte[] bytes, List<String> steps) {
	}

	/** One to four mutations of {@code original}, chosen by {@code random}. */
	static Mutation mutate(byte[] original, SplittableRandom random) {
		byte[] bytes = original;
		List<String> steps = new ArrayList<>();
		if (random.nextInt(50) == 0) {
			bytes = grow(bytes);
			steps.add("grow to " + bytes.length);
		}
		int count = 1 + random.nextInt(4);
		for (int i = 0; i < count; i++) {
			int at = (bytes.length == 0) ? 0 : random.nextInt(bytes.length + 1);
			switch (random.nextInt(7)) {
				case 0 -> {
					int flips = 1 + random.nextInt(8);
					bytes = bytes.clone();
					StringBuilder where = new StringBuilder();
					for (int f = 0; f < flips && bytes.length > 0; f++) {
						int pos = random.nextInt(bytes.length);
						int bit = random.nextInt(8);
						bytes[pos] ^= (byte) (1 << bit);
						where.append(where.isEmpty() ? "" : ",").append(pos).append('.').append(bit);
					}
					steps.add("flip " + where);
				}
				case 1 -> {
					bytes = java.util.Arrays.copyOf(bytes, at);
					steps.add("truncate at " + at);
				}
				case 2, 3 -> {
					byte[] insert = NASTY[random.nextInt(NASTY.length)];
					int times = (random.nextInt(4) == 0) ? 1 + random.nextInt(200) : 1;
					bytes = insert(bytes, at, repeat(insert, times));
					steps.add("insert at " + at + ": " + times + " x " + HexFormat.of().formatHex(insert));
				}
				case 4 -> {
					byte[] noise = new byte[1 + random.nextInt(64)];
					random.nextBytes(noise);
					bytes = insert(bytes, at, noise);
					steps.add("insert at " + at + ": " + HexFormat.of().formatHex(noise));
				}
				case 5 -> {
					int length = Math.min(bytes.length - Math.min(at, bytes.length), 1 + random.nextInt(256));
					bytes = delete(bytes, at, length);
					steps.add("delete " + length + " at " + at);
				}
				default -> {
					int from = (bytes.length == 0) ? 0 : random.nextInt(bytes.length);
					int length = Math.min(bytes.length - from, 1 + random.nextInt(512));
					bytes = insert(bytes, at, java.util.Arrays.copyOfRange(bytes, from, from + length));
					steps.add("copy " + length + " from " + from + " to " + at);
				}
			}
		}
		return new Mutation(bytes, steps);
	}

	private static byte[] grow(byte[] bytes) {
		if (bytes.length == 0) {
			return bytes;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		while (out.size() < FileChunker.CANCELLABLE_PARSE_BYTES + 16 * 1024) {
			out.writeBytes(bytes);
			out.write('\n');
		}
		return out.toByteArray();
	}

	private static byte[] insert(byte[] bytes, int at, byte[] insert) {
		byte[] result = new byte[bytes.length + insert.length];
		System.arraycopy(bytes, 0, result, 0, at);
		System.arraycopy(insert, 0, result, at, insert.length);
		System.arraycopy(bytes, at, result, at + insert.length, bytes.length - at);
		return result;
	}

	private static byte[] delete(byte[] bytes, int at, int length) {
		byte[] result = new byte[bytes.length - length];
		System.arraycopy(bytes, 0, result, 0, at);
		System.arraycopy(bytes, at + length, result, at, bytes.length - at - length);
		return result;
	}

	private static byte[] repeat(byte[] bytes, int times) {
		byte[] result = new byte[bytes.length * times];
		for (int i = 0; i < times; i++) {
			System.arraycopy(bytes, 0, result, i * bytes.length, bytes.length);
		}
		return result;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
