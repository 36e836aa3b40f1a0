package dev.chunker.cli;

import dev.chunker.settings.ChunkerSettings;
import org.springframework.context.ConfigurableApplicationContext;

/** The contexts of the commands, for tests in other packages that drive the job's beans directly. */
public final class TestContexts {

	private TestContexts() {
	}

	/** The context {@code chunker index} starts: the index job on the database at {@code url}. */
	public static ConfigurableApplicationContext indexing(ChunkerSettings settings, String url) {
		return DatabaseContext.start(settings, url, false);
	}

}
