package dev.chunker.store;

import java.util.Arrays;

/** What a run did to a file, as stored in {@code files.last_change} and counted in the run summary. */
public enum FileChange {

	/** No file row was stored before. */
	NEW("new"),
	/** A file row was stored before and the content or rules differ. */
	CHANGED("changed"),
	/** Same content and rules as stored: not parsed again. */
	UNCHANGED("unchanged"),
	/** It could not be chunked in this run. */
	FAILED("failed");

	private final String dbValue;

	FileChange(String dbValue) {
		this.dbValue = dbValue;
	}

	/** The stored form. */
	public String dbValue() {
		return this.dbValue;
	}

	/** The change stored as {@code value}. */
	public static FileChange fromDb(String value) {
		return Arrays.stream(values())
			.filter((change) -> change.dbValue.equals(value))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown file change '" + value + "' in table files"));
	}

}
