package dev.chunker.query;

/**
 * A query parameter with a bad value. {@link #parameter()} is the REST parameter name ({@code path}, {@code q},
 * {@code changedSince}, ...); the command line maps it to its option.
 */
public class InvalidParameterException extends RuntimeException {

	private final String parameter;

	public InvalidParameterException(String parameter, String message) {
		super(message);
		this.parameter = parameter;
	}

	public String parameter() {
		return this.parameter;
	}

}
