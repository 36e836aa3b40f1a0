package dev.chunker.cli;

import dev.chunker.settings.ChunkerSettings;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The common options plus {@code --db}, for the commands that work on the index database ({@code @Mixin}). */
final class DatabaseOptions extends CommonOptions {

	@Option(names = "--db", paramLabel = "JDBC_URL", description = "Database (default: H2 file data/chunker).")
	@Nullable String db;

	/** The JDBC URL: {@code --db}, else the configured one, else the embedded default. */
	String url(ChunkerSettings settings) {
		return DatabaseContext.url(this.db, settings);
	}

}
