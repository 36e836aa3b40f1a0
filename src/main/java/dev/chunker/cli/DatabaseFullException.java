package dev.chunker.cli;

import dev.chunker.job.DiskFull;

/**
 * The file system holding the database filled up during a command: one line naming the database file and what to
 * do ({@link DiskFull#sentence(String)}). Thrown by the commands that write the index, which know the database.
 */
final class DatabaseFullException extends WordedFailure {

	DatabaseFullException(String url, Throwable cause) {
		super(DiskFull.sentence(url), cause);
	}

}
