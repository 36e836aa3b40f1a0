package dev.chunker.store;

import java.util.OptionalLong;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rewrites an embedded H2 file database whose file is mostly dead space. H2 appends every commit to its file and
 * frees old pages only in place, so a cold index leaves a file several times its live data (java.base: 362 MB holding
 * 43 MB). When less than half the file is live, {@code SHUTDOWN COMPACT} rewrites it (a few seconds for java.base)
 * and closes the database: call it last, when the process is the file's only user.
 */
public final class H2FileCompaction {

	/** Below this size the dead space is not worth a rewrite. */
	static final long MIN_FILE_BYTES = 32L << 20;

	/** Compact when at most this percentage of the file's chunks is live. */
	static final int MAX_FILL_PERCENT = 50;

	private final JdbcTemplate jdbc;

	public H2FileCompaction(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** @return the file's size before, when it was compacted; empty when it was left as it is */
	public OptionalLong compactIfMostlyDead() {
		long size = setting("info.FILE_SIZE");
		long fill = setting("info.CHUNKS_FILL_RATE");
		if (size < MIN_FILE_BYTES || fill < 0 || fill > MAX_FILL_PERCENT) {
			return OptionalLong.empty();
		}
		this.jdbc.execute("SHUTDOWN COMPACT");
		return OptionalLong.of(size);
	}

	private long setting(String name) {
		var values = this.jdbc.queryForList("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?",
				String.class, name);
		try {
			return values.isEmpty() ? -1 : Long.parseLong(values.get(0).replace("%", "").strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
