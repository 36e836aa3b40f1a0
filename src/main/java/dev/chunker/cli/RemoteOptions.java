package dev.chunker.cli;

import java.util.Map;
import java.util.Locale;

import dev.chunker.job.remote.RemotePartitioningConfiguration;

/** What the remote commands share: the context properties of each side, and the databases remote mode accepts. */
final class RemoteOptions {

	static final Map<String, Object> MANAGER = Map.of(RemotePartitioningConfiguration.MODE, "manager");

	private RemoteOptions() {
	}

	static Map<String, Object> worker(String rootMap) {
		return Map.of(RemotePartitioningConfiguration.MODE, "worker", "chunker.root-map", rootMap);
	}

	/**
	 * Refuses a database the workers cannot open too: an embedded H2 file or in-memory database belongs to the one
	 * process that opened it. PostgreSQL and an H2 server ({@code jdbc:h2:tcp:} or {@code ssl:}) are shared.
	 */
	static void requireSharedDatabase(String url) {
		String lower = url.toLowerCase(Locale.ROOT);
		boolean shared = lower.startsWith("jdbc:postgresql:") || lower.startsWith("jdbc:h2:tcp:")
				|| lower.startsWith("jdbc:h2:ssl:");
		if (!shared) {
			throw new ChunkerCommand.UsageException("remote mode needs a database every worker can open (PostgreSQL, "
					+ "or an H2 server at jdbc:h2:tcp://...); " + DatabaseContext.describe(url)
					+ " is an embedded database only this process can use");
		}
	}

	/** The broker of remote mode cannot be reached; the message is the sentence shown. */
	static final class BrokerFailure extends WordedFailure {

		BrokerFailure(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
