package dev.chunker.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The file behind an H2 URL: what a full disk names and what a compaction rewrites. */
public final class H2FileUrl {

	private H2FileUrl() {
	}

	/**
	 * The {@code NAME.mv.db} file (absolute) of an H2 file database URL ({@code jdbc:h2:file:NAME},
	 * {@code jdbc:h2:NAME}, {@code ~} for the home directory); empty for any other URL (in-memory, server, not H2).
	 */
	public static Optional<Path> databaseFile(String url) {
		String base = url.contains(";") ? url.substring(0, url.indexOf(';')) : url;
		if (!base.startsWith("jdbc:h2:")) {
			return Optional.empty();
		}
		String name = base.substring("jdbc:h2:".length());
		if (name.startsWith("file:")) {
			name = name.substring("file:".length());
		}
		else if (name.startsWith("mem:") || name.startsWith("tcp:") || name.startsWith("ssl:") || name.startsWith("zip:")) {
			return Optional.empty();
		}
		if (name.startsWith("~")) {
			name = System.getProperty("user.home") + name.substring(1);
		}
		return Optional.of(Path.of(name + ".mv.db").toAbsolutePath().normalize());
	}

	/** Whether other processes may open the file while this one has it open ({@code AUTO_SERVER=TRUE}). */
	public static boolean shared(String url) {
		return url.toUpperCase(Locale.ROOT).contains("AUTO_SERVER=TRUE");
	}

}
