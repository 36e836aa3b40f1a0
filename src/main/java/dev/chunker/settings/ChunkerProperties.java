package dev.chunker.settings;

import java.time.Duration;
import java.util.List;

/**
 * The typed view of the configuration file's sections (everything outside {@code languages.*}), bound by Boot's
 * {@code Binder} from the layered sources {@link SettingsLayers} builds. Values arrive validated against
 * {@link SettingKey}, so the records only name and derive.
 */
public record ChunkerProperties(Performance performance, Memory memory, Chunking chunking, Database database,
		Index index) {

	private static final long MB = 1024 * 1024;

	/** {@code performance.*}: parsing, the AST cache and the worker threads. */
	public record Performance(int cacheSize, int cacheMaxMemoryMb, int parserPoolSize, int parallelWorkers,
			int parseTimeoutMs) {

		public long cacheMaxMemoryBytes() {
			return this.cacheMaxMemoryMb * MB;
		}

	}

	/** {@code memory.*}: file size limits and the large-file path. */
	public record Memory(int maxFileSizeMb, int streamingChunkSize, int streamingThresholdMb) {

		public long maxFileBytes() {
			return this.maxFileSizeMb * MB;
		}

		public long streamingThresholdBytes() {
			return this.streamingThresholdMb * MB;
		}

	}

	/** {@code chunking.*}: chunk sizes in lines and the rules file ("" for the packaged rules). */
	public record Chunking(int minChunkSize, int maxChunkSize, String rulesFile) {

	}

	/**
	 * {@code database.*}: "" means not configured; {@code outage_tolerance_s} is how long a run rides out a database
	 * that does not answer (0: not at all) before it fails.
	 */
	public record Database(String url, String user, String password, int outageToleranceS) {

		public Duration outageTolerance() {
			return Duration.ofSeconds(this.outageToleranceS);
		}

		@Override
		public String toString() {
			return "Database[url=" + this.url + ", user=" + this.user + ", outageToleranceS=" + this.outageToleranceS + "]";
		}

	}

	/** {@code index.*}: the index job. */
	public record Index(int gridSize, int commitInterval, List<String> include, List<String> exclude,
			boolean useGitignore, int dbRetryLimit, int lockTtlSeconds) {

		public Duration lockTtl() {
			return Duration.ofSeconds(this.lockTtlSeconds);
		}

	}

}
