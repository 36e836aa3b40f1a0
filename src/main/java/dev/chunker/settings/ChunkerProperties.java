package dev.chunker.settings;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The typed view of the configuration file's sections (everything outside {@code languages.*}), bound from the
 * layers {@link SettingsLayers} builds. Values arrive validated against
 * {@link SettingKey}, so the records only name and derive.
 */
public record ChunkerProperties(Performance performance, Memory memory, Chunking chunking, Database database,
		Index index, Remote remote) {

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

	/**
	 * {@code chunking.*}: chunk sizes in lines, the rules file ("" for the packaged rules), the views the index
	 * builds ({@code definitions}, and {@code packed} unless left out) and how the packed view is cut.
	 */
	public record Chunking(int minChunkSize, int maxChunkSize, String rulesFile, List<String> views, Packed packed) {

		/** Whether the index builds the packed view's windows. */
		public boolean packedView() {
			return this.views.contains("packed");
		}

	}

	/** {@code chunking.packed.*}: the budget (0: the unit's default), what it counts, the token encoding. */
	public record Packed(int budget, String unit, String encoding) {

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

	/**
	 * {@code remote.*}: the broker of remote partitioning, the queue of partition requests, how often the manager
	 * reads the partitions' state and how long it waits for a worker that does not beat.
	 */
	public record Remote(String brokerUrl, String queue, int pollIntervalMs, int workerTimeoutS) {

		public Duration pollInterval() {
			return Duration.ofMillis(this.pollIntervalMs);
		}

		public Duration workerTimeout() {
			return Duration.ofSeconds(this.workerTimeoutS);
		}

		/** The broker address, its user and password replaced by the given ones when they are not blank. */
		public BrokerAddress broker(String user, String password) {
			URI uri = URI.create(this.brokerUrl);
			String info = uri.getRawUserInfo();
			String urlUser = "guest";
			String urlPassword = "guest";
			if (info != null) {
				int colon = info.indexOf(':');
				urlUser = decode((colon < 0) ? info : info.substring(0, colon));
				urlPassword = (colon < 0) ? "" : decode(info.substring(colon + 1));
			}
			int port = (uri.getPort() > 0) ? uri.getPort() : ("amqps".equals(uri.getScheme()) ? 5671 : 5672);
			String path = uri.getRawPath();
			String vhost = (path == null || path.length() <= 1) ? "/" : decode(path.substring(1));
			return new BrokerAddress(String.valueOf(uri.getHost()), port, user.isBlank() ? urlUser : user,
					password.isBlank() ? urlPassword : password, vhost, "amqps".equals(uri.getScheme()));
		}

		private static String decode(String text) {
			return java.net.URLDecoder.decode(text, java.nio.charset.StandardCharsets.UTF_8);
		}

		@Override
		public String toString() {
			return "Remote[broker=" + BrokerAddress.withoutPassword(this.brokerUrl) + ", queue=" + this.queue
					+ ", pollIntervalMs=" + this.pollIntervalMs + ", workerTimeoutS=" + this.workerTimeoutS + "]";
		}

	}

	/** Where the broker is and who connects; {@link #toString()} leaves the password out. */
	public record BrokerAddress(String host, int port, String user, String password, String virtualHost, boolean tls) {

		static String withoutPassword(String url) {
			return url.replaceAll("(//[^:/@]*):[^@/]*@", "$1:***@");
		}

		@Override
		public String toString() {
			return (this.tls ? "amqps" : "amqp") + "://" + this.user + "@" + this.host + ":" + this.port
					+ ("/".equals(this.virtualHost) ? "" : "/" + this.virtualHost);
		}

	}

}
