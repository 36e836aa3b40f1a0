package dev.chunker.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.chunker.job.IndexingApplication;
import dev.chunker.job.IndexingInfrastructure;
import dev.chunker.query.ApiApplication;
import dev.chunker.query.QueryApplication;
import dev.chunker.schedule.JobDefinition;
import dev.chunker.settings.ChunkerSettings;
import dev.chunker.settings.SettingKey;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the Spring context of the database commands against the chosen database. */
final class DatabaseContext {

	/** The embedded default: an H2 file database under the working directory. */
	static final String DEFAULT_H2_PATH = "data/chunker";

	private DatabaseContext() {
	}

	/** {@code --db}, else {@code database.url} (file or {@code CHUNKER_DATABASE_URL}), else the embedded H2 file. */
	static String url(@Nullable String flag, ChunkerSettings settings) {
		if (flag != null && !flag.isBlank()) {
			return flag;
		}
		String configured = settings.getString(SettingKey.DB_URL);
		if (!configured.isBlank()) {
			return configured;
		}
		return "jdbc:h2:file:" + Path.of(DEFAULT_H2_PATH).toAbsolutePath().normalize();
	}

	static ConfigurableApplicationContext start(ChunkerSettings settings, String url, boolean verbose) {
		return run(new SpringApplicationBuilder(IndexingApplication.class).web(WebApplicationType.NONE), settings, url,
				properties(settings, url, verbose));
	}

	/**
	 * The context of one job's run: the index job on the job's database; the job's own user and password come
	 * before {@code CHUNKER_DB_USER} / {@code CHUNKER_DB_PASSWORD}; the pool also serves {@code parallel}
	 * repositories at once.
	 */
	static ConfigurableApplicationContext startJob(ChunkerSettings settings, String url, JobDefinition.Database database,
			int parallel, boolean verbose) {
		Map<String, Object> properties = properties(settings, url, verbose);
		if (!database.user().isBlank()) {
			properties.put("spring.datasource.username", database.user());
		}
		if (!database.password().isBlank()) {
			properties.put("spring.datasource.password", database.password());
		}
		properties.put("spring.datasource.hikari.maximum-pool-size", IndexingInfrastructure.threads(settings) + 4 + 2 * parallel);
		return run(new SpringApplicationBuilder(IndexingApplication.class).web(WebApplicationType.NONE), settings, url,
				properties);
	}

	/** Log levels of every context of a process (each context start applies them to the one logging system). */
	static Map<String, Object> logging(boolean verbose) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("logging.level.root", verbose ? "INFO" : "ERROR");
		// Failures are reported as one line by the command line; Boot's own report is for --verbose.
		properties.put("logging.level.org.springframework.boot.SpringApplication", verbose ? "INFO" : "OFF");
		// A failed step is summed up in one line by the summary (its reason and how to resume); Batch's stack traces
		// of the same failure are for --verbose.
		properties.put("logging.level.org.springframework.batch", verbose ? "INFO" : "OFF");
		properties.put("logging.level.com.zaxxer.hikari", verbose ? "INFO" : "ERROR");
		properties.put("logging.level.org.flywaydb", verbose ? "INFO" : "ERROR");
		// A web server that cannot start (port in use) is reported in one line too.
		properties.put("logging.level.org.springframework.boot.diagnostics", verbose ? "INFO" : "OFF");
		properties.put("logging.level.org.apache.catalina", verbose ? "INFO" : "ERROR");
		properties.put("logging.level.org.apache.coyote", verbose ? "INFO" : "ERROR");
		properties.put("logging.level.org.apache.tomcat", verbose ? "INFO" : "ERROR");
		return properties;
	}

	/** The read-only commands' context: data source, Flyway and the query service (no job, no natives). */
	static ConfigurableApplicationContext startQuery(ChunkerSettings settings, String url, boolean verbose) {
		Map<String, Object> properties = properties(settings, url, verbose);
		properties.put("spring.datasource.hikari.maximum-pool-size", 2);
		return run(new SpringApplicationBuilder(QueryApplication.class).web(WebApplicationType.NONE), settings, url,
				properties);
	}

	/**
	 * The REST API's context: a servlet web server on {@code address:port} over read-only connections (Flyway
	 * migrates through a connection of its own), serving no static resources.
	 */
	static ConfigurableApplicationContext startServer(ChunkerSettings settings, String url, String address, int port,
			boolean verbose) {
		Map<String, Object> properties = properties(settings, url, verbose);
		properties.put("spring.datasource.hikari.maximum-pool-size", 10);
		properties.put("spring.datasource.hikari.read-only", true);
		properties.put("spring.flyway.url", properties.get("spring.datasource.url"));
		properties.put("spring.flyway.user", properties.get("spring.datasource.username"));
		properties.put("spring.flyway.password", properties.get("spring.datasource.password"));
		properties.put("server.address", address);
		properties.put("server.port", port);
		properties.put("server.shutdown", "immediate");
		// Nothing runs that must finish first: Ctrl-C closes the server and the pool.
		properties.put("spring.main.register-shutdown-hook", true);
		properties.put("spring.web.resources.add-mappings", false);
		properties.put("spring.jackson.property-naming-strategy", "SNAKE_CASE");
		properties.put("springdoc.api-docs.path", "/api/openapi.json");
		properties.put("springdoc.writer-with-default-pretty-printer", true);
		properties.put("springdoc.default-produces-media-type", "application/json");
		properties.put("logging.level.org.apache.catalina", verbose ? "INFO" : "ERROR");
		properties.put("logging.level.org.apache.coyote", verbose ? "INFO" : "ERROR");
		properties.put("logging.level.org.apache.tomcat", verbose ? "INFO" : "ERROR");
		return run(new SpringApplicationBuilder(ApiApplication.class).web(WebApplicationType.SERVLET), settings, url,
				properties);
	}

	/** The URL the data source opens: an H2 URL gets the settings a job relies on, unless it sets them itself. */
	static String jdbcUrl(String url) {
		// H2 must not close itself at JVM exit: a stopping job still writes its final status then. H2 refuses that
		// with AUTO_SERVER (other processes reading the file during a run), so such a URL keeps H2's default.
		String upper = url.toUpperCase(java.util.Locale.ROOT);
		String jdbcUrl = (url.startsWith("jdbc:h2:") && !upper.contains("DB_CLOSE_ON_EXIT") && !upper.contains("AUTO_SERVER=TRUE"))
				? url + ";DB_CLOSE_ON_EXIT=FALSE" : url;
		if (jdbcUrl.startsWith("jdbc:h2:file:") && !upper.contains("WRITE_DELAY")) {
			// Commits reach the file at once: by default H2 delays writes by 500 ms, so a killed process would lose
			// chunks it had reported as committed.
			jdbcUrl = jdbcUrl + ";WRITE_DELAY=0";
		}
		if (jdbcUrl.startsWith("jdbc:h2:") && !upper.contains("QUERY_CACHE_SIZE")) {
			// H2 keeps a statement's plan for the session's life. A plan made while the tables were empty looks
			// files and chunks up by the repository's foreign-key index alone, a scan that grows with every file
			// written; without the cache each statement is planned against the current statistics.
			jdbcUrl = jdbcUrl + ";QUERY_CACHE_SIZE=0";
		}
		return jdbcUrl;
	}

	private static Map<String, Object> properties(ChunkerSettings settings, String url, boolean verbose) {
		if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
			throw new ChunkerCommand.UsageException("--db must be a jdbc:h2: or jdbc:postgresql: URL, not '" + url + "'");
		}
		Map<String, Object> properties = new HashMap<>();
		String jdbcUrl = jdbcUrl(url);
		properties.put("spring.datasource.url", jdbcUrl);
		String user = firstNonBlank(System.getenv("CHUNKER_DB_USER"), settings.getString(SettingKey.DB_USER),
				url.startsWith("jdbc:h2:") ? "sa" : "");
		String password = firstNonBlank(System.getenv("CHUNKER_DB_PASSWORD"), settings.getString(SettingKey.DB_PASSWORD), "");
		properties.put("spring.datasource.username", user);
		properties.put("spring.datasource.password", password);
		// Each partition holds a connection per chunk transaction; add the manager, the job and the listeners.
		properties.put("spring.datasource.hikari.maximum-pool-size", IndexingInfrastructure.threads(settings) + 4);
		properties.put("spring.datasource.hikari.connection-timeout", 10_000);
		if (url.startsWith("jdbc:postgresql:")) {
			// One multi-row INSERT per batch instead of one round trip per row.
			properties.put("spring.datasource.hikari.data-source-properties.reWriteBatchedInserts", "true");
		}
		properties.put("spring.batch.job.enabled", false);
		properties.put("spring.batch.jdbc.initialize-schema", "never");
		properties.put("spring.flyway.locations", "classpath:db/migration/{vendor}");
		properties.put("spring.main.banner-mode", "off");
		// The commands close the context themselves, after a running job has stopped cleanly.
		properties.put("spring.main.register-shutdown-hook", false);
		properties.put("spring.main.log-startup-info", false);
		properties.putAll(logging(verbose));
		return properties;
	}

	private static ConfigurableApplicationContext run(SpringApplicationBuilder builder, ChunkerSettings settings,
			String url, Map<String, Object> properties) {
		try {
			return builder.properties(properties)
				.initializers((context) -> context.getBeanFactory().registerSingleton("chunkerSettings", settings))
				.run();
		}
		catch (RuntimeException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof java.sql.SQLException sql) {
					throw new IllegalStateException("cannot open the database " + describe(url) + ": "
							+ String.valueOf(sql.getMessage()).lines().findFirst().orElse(""), ex);
				}
			}
			throw ex;
		}
	}

	private static String firstNonBlank(@Nullable String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return "";
	}

	/** Where the data lives, for messages (no password). */
	static String describe(String url) {
		int semicolon = url.indexOf(';');
		return (semicolon > 0) ? url.substring(0, semicolon) : url;
	}

	/** The port a started web context listens on. */
	static int port(ConfigurableApplicationContext context) {
		WebServer server = (context instanceof WebServerApplicationContext web) ? web.getWebServer() : null;
		if (server == null) {
			throw new IllegalStateException("the web server did not start");
		}
		return server.getPort();
	}

}
