package dev.chunker.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

import dev.chunker.query.ApiToken;
import org.jspecify.annotations.Nullable;

/**
 * Who may call {@code chunker serve}: on a loopback address anyone on the machine, unless a token is given; on any
 * other address only a client with the bearer token, unless {@code --no-auth} says so explicitly.
 */
final class ServeAccess {

	static final String TOKEN_VARIABLE = "CHUNKER_API_TOKEN";

	private ServeAccess() {
	}

	/** The token to require, or null for none; a missing or unusable token is a {@link ChunkerCommand.UsageException}. */
	static @Nullable ApiToken token(String bind, @Nullable Path tokenFile, @Nullable String environment, boolean noAuth) {
		if (noAuth && tokenFile != null) {
			throw new ChunkerCommand.UsageException("--no-auth and --token-file contradict each other; give one");
		}
		if (noAuth) {
			return null;
		}
		try {
			if (tokenFile != null) {
				return ApiToken.read(tokenFile);
			}
			if (environment != null) {
				return ApiToken.of(TOKEN_VARIABLE, environment);
			}
		}
		catch (IllegalArgumentException ex) {
			throw new ChunkerCommand.UsageException(String.valueOf(ex.getMessage()));
		}
		if (!loopback(bind)) {
			throw new ChunkerCommand.UsageException("serving on " + bind + " (not a loopback address) needs a bearer token: "
					+ "--token-file FILE or " + TOKEN_VARIABLE + ", or --no-auth to serve without one");
		}
		return null;
	}

	/** Whether {@code bind} is a loopback address (a name is resolved; one that does not resolve is not). */
	static boolean loopback(String bind) {
		try {
			return InetAddress.getByName(bind).isLoopbackAddress();
		}
		catch (UnknownHostException | SecurityException ex) {
			return false;
		}
	}

}
