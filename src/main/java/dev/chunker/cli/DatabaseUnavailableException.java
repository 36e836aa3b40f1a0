package dev.chunker.cli;

/** The database of a command cannot be opened (unreachable, refused, locked, wrong credentials). */
final class DatabaseUnavailableException extends WordedFailure {

	DatabaseUnavailableException(String where, String reason, Throwable cause) {
		super("cannot open the database " + where + ": " + reason, cause);
	}

}
