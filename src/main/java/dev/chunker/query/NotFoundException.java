package dev.chunker.query;

/** A repository, run or chunk named by a request that does not exist. */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}
