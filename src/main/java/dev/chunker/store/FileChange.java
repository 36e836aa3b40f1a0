package dev.chunker.store;

/** What a run did to a file, as stored in {@code files.last_change} and counted in the run summary. */
public enum FileChange implements StoredValue {

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

	@Override
	public String dbValue() {
		return this.dbValue;
	}

	/** The change stored as {@code value}. */
	public static FileChange fromDb(String value) {
		return StoredValue.fromDb(FileChange.class, value, "files.last_change");
	}

}
