package dev.chunker.job;

/**
 * A run ended because its database went away and did not answer again within {@code database.outage_tolerance_s}.
 * Its job execution stays as the outage left it (the database could not be written then); the next start recovers
 * it and resumes the run from its last commit.
 */
public final class DatabaseOutageException extends RuntimeException {

	DatabaseOutageException(String message, Throwable cause) {
		super(message, cause);
	}

}
