package dev.chunker.cli;

import java.util.HashMap;
import java.util.Map;

import dev.chunker.job.IndexingInfrastructure;
import dev.chunker.schedule.JobDefinition;
import dev.chunker.settings.ChunkerSettings;
import org.jspecify.annotations.Nullable;

/**
 * The Spring Boot properties of every context the commands start, each property computed in one place: the data
 * source (URL, credentials, pool size), logging, the web server and the process's own handling of shutdown.
 */
final class ContextProperties {

	/** The contexts the commands start, for what differs between them. */
	enum Kind {

		/** The index job and the database commands around it. */
		INDEXING,
		/** One scheduled job's run, beside others of the same scheduler. */
		SCHEDULED_JOB,
		/** The read-only commands. */
		QUERY,
		/** The REST API. */
		SERVER

	}

	private ContextProperties() {
	}

	/** Indexing and read-only contexts: the data source and what the command line needs. */
	static Map<String, Object> database(Kind kind, ChunkerSettings settings, String url, boolean verbose) {
		return database(kind, settings, url, null, 0, verbose);
	}

	/**
	 * A scheduled job's context: the job's own user and password come before {@code CHUNKER_DB_USER} /
	 * {@code CHUNKER_DB_PASSWORD}; the pool also serves {@code parallel} repositories at once.
	 */
	static Map<String, Object> scheduledJob(ChunkerSettings settings, String url, JobDefinition.Database database,
			int parallel, boolean verbose) {
		return database(Kind.SCHEDULED_JOB, settings, url, database, parallel, verbose);
	}

	/**
	 * The REST API's context: a servlet web server on {@code address:port} over read-only connections (Flyway
	 * migrates through a connection of its own), serving no static resources.
	 */
	static Map<String, Object> server(ChunkerSettings settings, String url, String address, int port, boolean verbose) {
		Map<String, Object> properties = readOnly(database(Kind.SERVER, settings, url, verbose));
		properties.putAll(webServer(address, port));
		properties.put("spring.jackson.property-naming-strategy", "SNAKE_CASE");
		properties.put("springdoc.api-docs.path", "/api/openapi.json");
		properties.put("springdoc.writer-with-default-pretty-printer", true);
		properties.put("springdoc.default-produces-media-type", "application/json");
		return properties;
	}

	/** The MCP server's context: the read-only commands' data source over read-only connections. */
	static Map<String, Object> readOnlyQuery(ChunkerSettings settings, String url, boolean verbose) {
		return readOnly(database(Kind.QUERY, settings, url, verbose));
	}

	/** Read-only connections for the queries; Flyway migrates through a connection of its own. */
	private static Map<String, Object> readOnly(Map<String, Object> properties) {
		properties.put("spring.datasource.hikari.read-only", true);
		properties.put("spring.flyway.url", properties.get("spring.datasource.url"));
		properties.put("spring.flyway.user", properties.get("spring.datasource.username"));
		properties.put("spring.flyway.password", properties.get("spring.datasource.password"));
		return properties;
	}

	/** The scheduler's health and metrics server: Actuator's health (with probes) and Prometheus endpoints. */
	static Map<String, Object> monitor(String address, int port, boolean verbose) {
		Map<String, Object> properties = commandLine(false, verbose);
		properties.putAll(webServer(address, port));
		properties.put("management.endpoints.web.exposure.include", "health,prometheus");
		properties.put("management.endpoint.health.show-details", "always");
		properties.put("management.endpoint.health.probes.enabled", true);
		return properties;
	}

	private static Map<String, Object> database(Kind kind, ChunkerSettings settings, String url,
			JobDefinition.@Nullable Database jobDatabase, int parallel, boolean verbose) {
		if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
			throw new ChunkerCommand.UsageException("--db must be a jdbc:h2: or jdbc:postgresql: URL, not '" + url + "'");
		}
		Map<String, Object> properties = commandLine(kind == Kind.SERVER, verbose);
		properties.put("spring.datasource.url", DatabaseContext.jdbcUrl(url));
		String user = firstNonBlank((jobDatabase != null) ? jobDatabase.user() : null, System.getenv("CHUNKER_DB_USER"),
				settings.database().user(), url.startsWith("jdbc:h2:") ? "sa" : "");
		String password = firstNonBlank((jobDatabase != null) ? jobDatabase.password() : null,
				System.getenv("CHUNKER_DB_PASSWORD"), settings.database().password(), "");
		properties.put("spring.datasource.username", user);
		properties.put("spring.datasource.password", password);
		properties.put("spring.datasource.hikari.maximum-pool-size", maximumPoolSize(kind, settings, parallel));
		// A new connection is waited for at most 10 s (less when the outage tolerance is shorter); an idle one is
		// validated before it is handed out (Hikari's default) and kept alive, so one the server dropped is replaced.
		properties.put("spring.datasource.hikari.connection-timeout",
				Math.clamp(settings.database().outageTolerance().toMillis(), 1_000L, 10_000L));
		properties.put("spring.datasource.hikari.validation-timeout", 2_000);
		properties.put("spring.datasource.hikari.keepalive-time", 30_000);
		if (url.startsWith("jdbc:postgresql:")) {
			// One multi-row INSERT per batch instead of one round trip per row.
			properties.put("spring.datasource.hikari.data-source-properties.reWriteBatchedInserts", "true");
		}
		properties.put("spring.batch.jdbc.initialize-schema", "never");
		// Migrations both databases share, and those written per database; a version lives in exactly one of them.
		properties.put("spring.flyway.locations", "classpath:db/migration/common,classpath:db/migration/{vendor}");
		return properties;
	}

	private static int maximumPoolSize(Kind kind, ChunkerSettings settings, int parallel) {
		// Each partition holds a connection per chunk transaction; add the manager, the job and the listeners, and
		// per repository run the one its lock keeps for its lifetime (PostgreSQL's session advisory lock).
		int indexing = IndexingInfrastructure.threads(settings) + 4;
		return switch (kind) {
			case INDEXING -> indexing + 1;
			case SCHEDULED_JOB -> indexing + 3 * parallel;
			case QUERY -> 2;
			case SERVER -> 10;
		};
	}

	/** What every context of the command line shares: quiet logs, no banner, shutdown left to the command. */
	private static Map<String, Object> commandLine(boolean closedByCtrlC, boolean verbose) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.main.banner-mode", "off");
		// The commands close the context themselves, after a running job has stopped cleanly; the REST API has
		// nothing that must finish first, so Ctrl-C closes the server and the pool.
		properties.put("spring.main.register-shutdown-hook", closedByCtrlC);
		properties.put("spring.main.log-startup-info", false);
		properties.putAll(logging(verbose));
		return properties;
	}

	/** Log levels of every context of a process (each context start applies them to the one logging system). */
	private static Map<String, Object> logging(boolean verbose) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("logging.level.root", verbose ? "INFO" : "ERROR");
		// Failures are reported as one line by the command line; Boot's own report is for --verbose.
		properties.put("logging.level.org.springframework.boot.SpringApplication", verbose ? "INFO" : "OFF");
		// A failed step is summed up in one line by the summary (its reason and how to resume); Batch's stack traces
		// of the same failure are for --verbose.
		properties.put("logging.level.org.springframework.batch", verbose ? "INFO" : "OFF");
		// A transaction whose rollback fails too (a database that went away or filled its disk) is logged by Spring's
		// transaction support with both stack traces, once per worker; the run's one line says why it failed.
		properties.put("logging.level.org.springframework.transaction", verbose ? "INFO" : "OFF");
		properties.put("logging.level.com.zaxxer.hikari", verbose ? "INFO" : "ERROR");
		// A chunk transaction that lost its connection logs the failure of its rollback; the run reports it in one line.
		properties.put("logging.level.org.springframework.transaction", verbose ? "INFO" : "OFF");
		properties.put("logging.level.org.flywaydb", verbose ? "INFO" : "ERROR");
		// The MCP SDK logs a failed message with its stack trace; the MCP server words what it leaves out in one line.
		properties.put("logging.level.io.modelcontextprotocol", verbose ? "INFO" : "OFF");
		// A web server that cannot start (port in use) is reported in one line too.
		properties.put("logging.level.org.springframework.boot.diagnostics", verbose ? "INFO" : "OFF");
		properties.put("logging.level.org.apache.catalina", verbose ? "INFO" : "ERROR");
		properties.put("logging.level.org.apache.coyote", verbose ? "INFO" : "ERROR");
		properties.put("logging.level.org.apache.tomcat", verbose ? "INFO" : "ERROR");
		return properties;
	}

	private static Map<String, Object> webServer(String address, int port) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.address", address);
		properties.put("server.port", port);
		properties.put("server.shutdown", "immediate");
		properties.put("spring.web.resources.add-mappings", false);
		return properties;
	}

	private static String firstNonBlank(@Nullable String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return "";
	}

}
