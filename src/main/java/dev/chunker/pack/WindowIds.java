package dev.chunker.pack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-1 over NUL-separated fields, lower-case hex: the id scheme of the chunks, applied to windows. */
final class WindowIds {

	private WindowIds() {
	}

	static String sha1(String... fields) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-1");
			for (int i = 0; i < fields.length; i++) {
				if (i > 0) {
					digest.update((byte) 0);
				}
				digest.update(fields[i].getBytes(StandardCharsets.UTF_8));
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is missing from this JDK", ex);
		}
	}

}
