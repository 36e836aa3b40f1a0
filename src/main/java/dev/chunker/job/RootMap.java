package dev.chunker.job;

import java.nio.file.Path;

/**
 * Where a worker sees the manager's repository root: {@code FROM=TO} replaces a leading {@code FROM} of the root
 * the manager scanned with {@code TO} (a shared mount under another path); no mapping leaves roots as they are.
 * Stored paths stay relative to the root, so the mapping changes what is read, never what is written.
 */
public record RootMap(String from, String to) {

	public static final RootMap NONE = new RootMap("", "");

	/** A mapping {@code FROM=TO}; both sides absolute paths. */
	public static RootMap parse(String mapping) {
		if (mapping.isBlank()) {
			return NONE;
		}
		int equals = mapping.indexOf('=');
		if (equals <= 0 || equals == mapping.length() - 1) {
			throw new IllegalArgumentException("--root-map must be FROM=TO (two absolute paths), was '" + mapping + "'");
		}
		String from = mapping.substring(0, equals);
		String to = mapping.substring(equals + 1);
		if (!Path.of(from).isAbsolute() || !Path.of(to).isAbsolute()) {
			throw new IllegalArgumentException("--root-map must be FROM=TO (two absolute paths), was '" + mapping + "'");
		}
		return new RootMap(Path.of(from).normalize().toString(), Path.of(to).normalize().toString());
	}

	/** The root as this process sees it. */
	public Path map(String root) {
		Path path = Path.of(root);
		if (this.from.isEmpty() || !path.startsWith(this.from)) {
			return path;
		}
		return Path.of(this.to).resolve(Path.of(this.from).relativize(path));
	}

}
