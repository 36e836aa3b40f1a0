package dev.chunker.chunk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The id scheme (documented in {@code docs/architecture.md}): SHA-1 over NUL-separated fields, lower-case hex.
 * Ids depend only on the repository-relative path and the file's content, so they are the same on every run and
 * machine.
 */
public final class ChunkIds {

	private ChunkIds() {
	}

	/** {@code sha1("file\0" + path)}. */
	public static String fileId(String filePath) {
		return sha1("file", filePath);
	}

	/**
	 * {@code sha1("def\0" + fileId + "\0" + parentDefinitionId + "\0" + nodeType + "\0" + name + "\0" + occurrence)},
	 * where occurrence counts earlier definitions with the same parent, type and name; so two identical methods in
	 * two classes, or a function defined twice, get different ids.
	 */
	public static String definitionId(String fileId, String parentDefinitionId, String nodeType, String name,
			int occurrence) {
		return sha1("def", fileId, parentDefinitionId, nodeType, name, Integer.toString(occurrence));
	}

	/** {@code sha1("chunk\0" + definitionId + "\0" + partIndex + "\0" + contentHash)}. */
	public static String chunkId(String definitionId, int partIndex, String contentHash) {
		return sha1("chunk", definitionId, Integer.toString(partIndex), contentHash);
	}

	/** SHA-1 of raw bytes. */
	public static String contentHash(byte[] bytes, int from, int to) {
		MessageDigest digest = sha1();
		digest.update(bytes, from, to - from);
		return HexFormat.of().formatHex(digest.digest());
	}

	/** A fresh digest of {@link #contentHash}'s kind, for bytes that arrive as a stream. */
	public static MessageDigest contentDigest() {
		return sha1();
	}

	static String sha1(String... fields) {
		MessageDigest digest = sha1();
		for (int i = 0; i < fields.length; i++) {
			if (i > 0) {
				digest.update((byte) 0);
			}
			digest.update(fields[i].getBytes(StandardCharsets.UTF_8));
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static MessageDigest sha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
