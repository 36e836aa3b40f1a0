package dev.chunker.cli;

import java.nio.file.Path;
import java.util.Map;

import dev.chunker.job.DiskFull;
import dev.chunker.job.IndexingApplication;
import dev.chunker.mcp.McpHttpConfiguration;
import dev.chunker.query.ApiApplication;
import dev.chunker.query.ApiToken;
import dev.chunker.query.QueryApplication;
import dev.chunker.schedule.JobDefinition;
import dev.chunker.settings.ChunkerSettings;
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
		String configured = settings.database().url();
		if (!configured.isBlank()) {
			return configured;
		}
		return "jdbc:h2:file:" + Path.of(DEFAULT_H2_PATH).toAbsolutePath().normalize();
	}

	static ConfigurableApplicationContext start(ChunkerSettings settings, String url, boolean verbose) {
		return start(settings, url, verbose, Map.of());
	}

	/** The index job's context with more properties (remote mode, a worker's root mapping). */
	static ConfigurableApplicationContext start(ChunkerSettings settings, String url, boolean verbose,
			Map<String, Object> more) {
		Map<String, Object> properties = ContextProperties.database(ContextProperties.Kind.INDEXING, settings, url, verbose);
		properties.putAll(more);
		return run(new SpringApplicationBuilder(IndexingApplication.class).web(WebApplicationType.NONE), settings, url,
				properties);
	}

	/** The context of one job's run: the index job on the job's database. */
	static ConfigurableApplicationContext startJob(ChunkerSettings settings, String url, JobDefinition.Database database,
			int parallel, boolean remote, boolean verbose) {
		Map<String, Object> properties = ContextProperties.scheduledJob(settings, url, database, parallel, verbose);
		if (remote) {
			RemoteOptions.requireSharedDatabase(url);
			properties.putAll(RemoteOptions.MANAGER);
		}
		return run(new SpringApplicationBuilder(IndexingApplication.class).web(WebApplicationType.NONE), settings, url,
				properties);
	}

	/** The context of {@code gc}: data source, Flyway and the query service (no job, no natives). */
	static ConfigurableApplicationContext startQuery(ChunkerSettings settings, String url, boolean verbose) {
		return run(new SpringApplicationBuilder(QueryApplication.class).web(WebApplicationType.NONE), settings, url,
				ContextProperties.database(ContextProperties.Kind.QUERY, settings, url, verbose));
	}

	/**
	 * The REST API's context (see {@link ContextProperties#server}), with the MCP server at {@code /mcp} when asked;
	 * with a token, every request must carry it.
	 */
	static ConfigurableApplicationContext startServer(ChunkerSettings settings, String url, String address, int port,
			@Nullable ApiToken token, boolean mcp, boolean verbose) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(ApiApplication.class).web(WebApplicationType.SERVLET);
		if (mcp) {
			builder.sources(McpHttpConfiguration.class);
		}
		if (token != null) {
			builder.initializers((context) -> context.getBeanFactory().registerSingleton("apiToken", token));
		}
		return run(builder, settings, url, ContextProperties.server(settings, url, address, port, verbose));
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

	private static ConfigurableApplicationContext run(SpringApplicationBuilder builder, ChunkerSettings settings,
			String url, Map<String, Object> properties) {
		try {
			return builder.properties(properties)
				.initializers((context) -> context.getBeanFactory().registerSingleton("chunkerSettings", settings))
				.run();
		}
		catch (RuntimeException ex) {
			if (DiskFull.causedBy(ex)) {
				throw new DatabaseFullException(url, ex);
			}
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof dev.chunker.job.remote.BrokerConnections.BrokerUnavailableException broker) {
					throw new RemoteOptions.BrokerFailure(String.valueOf(broker.getMessage()), ex);
				}
				if (cause instanceof java.sql.SQLException sql) {
					throw new DatabaseUnavailableException(describe(url),
							String.valueOf(sql.getMessage()).lines().findFirst().orElse(""), ex);
				}
			}
			throw ex;
		}
	}

	/** Where the data lives, for messages (no password). */
	static String describe(String url) {
		int semicolon = url.indexOf(';');
		String shown = (semicolon > 0) ? url.substring(0, semicolon) : url;
		// A PostgreSQL URL may carry the password as a parameter (?password=…&…), or as user:password@ before the host.
		return shown.replaceAll("(?i)([?&]password=)[^&]*", "$1***").replaceAll("(//[^/@:]*):[^/@]*@", "$1:***@");
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
