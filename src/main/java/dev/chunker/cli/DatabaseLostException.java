package dev.chunker.cli;

import dev.chunker.job.DatabaseOutageException;

/** The database of a run went away and did not come back within the outage tolerance. */
final class DatabaseLostException extends WordedFailure {

	DatabaseLostException(String where, DatabaseOutageException cause) {
		super("lost the database " + where + ": " + cause.getMessage()
				+ "; run 'chunker index' again once it is back to resume the run", cause);
	}

}
