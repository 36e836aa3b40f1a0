package dev.chunker.store;

import java.util.Arrays;

/** A file's state as stored in {@code files.status}. */
public enum FileStatus {

	/** Its chunks are stored and current. */
	INDEXED("indexed"),
	/** It could not be chunked; its reason is stored and its earlier chunks are kept. */
	FAILED("failed");

	private final String dbValue;

	FileStatus(String dbValue) {
		this.dbValue = dbValue;
	}

	/** The stored form. */
	public String dbValue() {
		return this.dbValue;
	}

	/** The status stored as {@code value}. */
	public static FileStatus fromDb(String value) {
		return Arrays.stream(values())
			.filter((status) -> status.dbValue.equals(value))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown file status '" + value + "' in table files"));
	}

}
