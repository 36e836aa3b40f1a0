package dev.chunker.store;

/** A file's state as stored in {@code files.status}. */
public enum FileStatus implements StoredValue {

	/** Its chunks are stored and current. */
	INDEXED("indexed"),
	/** It could not be chunked; its reason is stored and its earlier chunks are kept. */
	FAILED("failed");

	private final String dbValue;

	FileStatus(String dbValue) {
		this.dbValue = dbValue;
	}

	@Override
	public String dbValue() {
		return this.dbValue;
	}

	/** The status stored as {@code value}. */
	public static FileStatus fromDb(String value) {
		return StoredValue.fromDb(FileStatus.class, value, "files.status");
	}

}
