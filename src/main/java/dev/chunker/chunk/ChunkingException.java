package dev.chunker.chunk;

import java.util.Locale;

/** A file that cannot be chunked, with a reason that is recorded and shown to users. */
public class ChunkingException extends RuntimeException {

	private final Reason reason;

	public ChunkingException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public ChunkingException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

	/** Why a file was not chunked; the code is stored in the database. */
	public enum Reason {

		/** The file vanished between listing and reading. */
		VANISHED,
		/** Permissions or an I/O error prevented reading. */
		UNREADABLE,
		/** Not a regular file (a pipe, device, socket or directory). */
		NOT_REGULAR_FILE,
		/** NUL bytes in the first 8 KiB. */
		BINARY,
		/** Larger than the configured maximum file size. */
		TOO_LARGE,
		/** Larger than tree-sitter's 4 GiB input limit. */
		TOO_LARGE_FOR_PARSER,
		/** No language matches the file name or first line. */
		UNSUPPORTED_LANGUAGE,
		/** The parse or extraction exceeded {@code parse_timeout_ms}. */
		TIMEOUT,
		/** The parser gave no tree. */
		PARSE_FAILED,
		/** Extraction failed unexpectedly. */
		EXTRACTION_FAILED,
		/**
		 * The process died (a native crash in the grammar or tree-sitter, or out of memory) while chunking the file,
		 * twice in a row: quarantined until its content changes.
		 */
		CRASHED_PARSER;

		public String code() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
