package dev.chunker.cli;

/**
 * A command failure whose message is already the one line the user sees (worded where it arose, with the database
 * or address it concerns), so {@link ChunkerCommand#describe} prints it as it is instead of digging for a cause.
 */
abstract class WordedFailure extends IllegalStateException {

	WordedFailure(String message, Throwable cause) {
		super(message, cause);
	}

}
