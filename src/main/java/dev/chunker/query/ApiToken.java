package dev.chunker.query;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;

/**
 * The bearer token {@code chunker serve} requires of every request ({@code --token-file} or {@code CHUNKER_API_TOKEN}).
 * A request carries it as {@code Authorization: Bearer <token>}; the comparison takes the same time wherever the
 * given token first differs ({@link MessageDigest#isEqual}, with the configured token first: its time depends only
 * on the configured token's length).
 */
public final class ApiToken {

	private static final String SCHEME = "bearer ";

	private final byte[] token;

	private ApiToken(String token) {
		this.token = token.getBytes(StandardCharsets.UTF_8);
	}

	/** A token given as text (the environment); a bad one is an {@link IllegalArgumentException} naming {@code source}. */
	public static ApiToken of(String source, String token) {
		String trimmed = token.strip();
		if (trimmed.isEmpty()) {
			throw new IllegalArgumentException(source + " is empty");
		}
		for (int i = 0; i < trimmed.length(); i++) {
			char c = trimmed.charAt(i);
			if (c < 0x21 || c > 0x7e) {
				throw new IllegalArgumentException(source + " holds a character that cannot be sent in an HTTP header"
						+ " (a token is printable ASCII without spaces)");
			}
		}
		return new ApiToken(trimmed);
	}

	/**
	 * The token of a file: its content without surrounding white space. The file must be readable, not empty, and
	 * not writable by every user (anyone could then set the token).
	 */
	public static ApiToken read(Path file) {
		String name = "token file " + file;
		if (!Files.isRegularFile(file)) {
			throw new IllegalArgumentException(name + " does not exist or is not a regular file");
		}
		try {
			Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
			if (permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
				throw new IllegalArgumentException(name + " is writable by every user"
						+ (permissions.contains(PosixFilePermission.OTHERS_READ) ? " and readable by every user" : "")
						+ "; restrict it (chmod 600 " + file + ")");
			}
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system: nothing to check
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("cannot read " + name + ": " + reason(ex));
		}
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("cannot read " + name + ": " + reason(ex));
		}
		if (bytes.length > 4096) {
			throw new IllegalArgumentException(name + " is longer than 4096 bytes; it should hold the token only");
		}
		return of(name, new String(bytes, StandardCharsets.UTF_8));
	}

	/** Whether an {@code Authorization} header value carries this token. */
	public boolean accepts(String authorization) {
		if (authorization.length() <= SCHEME.length()
				|| !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
			return false;
		}
		byte[] given = authorization.substring(SCHEME.length()).strip().getBytes(StandardCharsets.UTF_8);
		return MessageDigest.isEqual(this.token, given);
	}

	private static String reason(IOException ex) {
		String message = (ex instanceof java.nio.file.AccessDeniedException) ? "permission denied" : ex.getMessage();
		return (message != null) ? message : ex.getClass().getSimpleName();
	}

	@Override
	public String toString() {
		return "ApiToken[hidden]";
	}

}
