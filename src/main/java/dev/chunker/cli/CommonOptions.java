package dev.chunker.cli;

import java.nio.file.Path;
import java.util.Map;

import dev.chunker.settings.ChunkerSettings;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options every command that reads the configuration shares ({@code @Mixin}). */
class CommonOptions {

	@Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: config/chunker.yaml if present).")
	@Nullable Path config;

	@Option(names = "--verbose", description = "Log details and print stack traces.")
	boolean verbose;

	/** The settings: built-in defaults, the configuration file, {@code CHUNKER_*} variables, then {@code overrides}. */
	ChunkerSettings settings(Map<String, Object> overrides) {
		return ChunkerSettings.load(this.config, System.getenv(), overrides);
	}

}
