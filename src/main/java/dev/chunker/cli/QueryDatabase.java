package dev.chunker.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.chunker.chunk.LanguageRules;
import dev.chunker.job.DiskFull;
import dev.chunker.query.QueryService;
import dev.chunker.settings.ChunkerSettings;
import dev.chunker.store.MigrationChecksums;
import dev.chunker.store.SchemaVersion;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The database of the read-only commands ({@code query}, {@code show}, {@code export}, {@code workers},
 * {@code mcp}) without a Spring context: a pool made from the same properties as the contexts' (see
 * {@link ContextProperties}), the query service over it, and the schema checked by one query ({@link SchemaVersion}),
 * migrated by Flyway only when it is not current (a new or older database). A context's start-up (condition
 * evaluation, logging system, Flyway's scan) cost these commands more than half a second.
 */
final class QueryDatabase implements AutoCloseable {

	private final HikariDataSource pool;

	private final QueryService queries;

	private QueryDatabase(HikariDataSource pool, QueryService queries) {
		this.pool = pool;
		this.queries = queries;
	}

	/** Opens the database at {@code url}; {@code readOnly}: the pool's connections are read-only. */
	static QueryDatabase open(ChunkerSettings settings, String url, boolean verbose, boolean readOnly) {
		Map<String, Object> properties = readOnly ? ContextProperties.readOnlyQuery(settings, url, verbose)
				: ContextProperties.database(ContextProperties.Kind.QUERY, settings, url, verbose);
		LogLevels.apply(properties);
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(string(properties, "spring.datasource.url"));
		config.setUsername(string(properties, "spring.datasource.username"));
		config.setPassword(string(properties, "spring.datasource.password"));
		config.setMaximumPoolSize((int) number(properties, "spring.datasource.hikari.maximum-pool-size"));
		config.setConnectionTimeout(number(properties, "spring.datasource.hikari.connection-timeout"));
		config.setValidationTimeout(number(properties, "spring.datasource.hikari.validation-timeout"));
		config.setKeepaliveTime(number(properties, "spring.datasource.hikari.keepalive-time"));
		config.setMinimumIdle(1);
		config.setReadOnly(readOnly);
		config.setPoolName("chunker-query");
		Object rewrite = properties.get("spring.datasource.hikari.data-source-properties.reWriteBatchedInserts");
		if (rewrite != null) {
			config.addDataSourceProperty("reWriteBatchedInserts", rewrite);
		}
		HikariDataSource pool;
		try {
			migrateUnlessCurrent(config);
			pool = new HikariDataSource(config);
		}
		catch (RuntimeException | SQLException ex) {
			throw worded(url, ex);
		}
		Set<String> languages = settings.rules().all().stream().map(LanguageRules::id).collect(Collectors.toSet());
		JdbcTemplate jdbc = new JdbcTemplate(pool);
		return new QueryDatabase(pool, QueryService.over(jdbc, new DataSourceTransactionManager(pool), languages));
	}

	/** Brings the schema up to date through a connection of its own (the pool may be read-only). */
	private static void migrateUnlessCurrent(HikariConfig config) throws SQLException {
		String url = config.getJdbcUrl();
		try (Connection connection = java.sql.DriverManager.getConnection(url, config.getUsername(), config.getPassword())) {
			if (SchemaVersion.isCurrent(connection)) {
				return;
			}
		}
		String vendor = url.startsWith("jdbc:h2:") ? "h2" : "postgresql";
		Flyway flyway = Flyway.configure()
			.dataSource(url, config.getUsername(), config.getPassword())
			.locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
			.load();
		new MigrationChecksums().migrate(flyway);
	}

	/** The failure of opening the database in the command line's words, as a context's start words it. */
	private static RuntimeException worded(String url, Exception ex) {
		if (DiskFull.causedBy(ex)) {
			return new DatabaseFullException(url, ex);
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql) {
				return new DatabaseUnavailableException(DatabaseContext.describe(url),
						String.valueOf(sql.getMessage()).lines().findFirst().orElse(""), ex);
			}
		}
		if (ex instanceof FlywayException flyway) {
			return new DatabaseUnavailableException(DatabaseContext.describe(url),
					String.valueOf(flyway.getMessage()).lines().findFirst().orElse(""), ex);
		}
		return (ex instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex);
	}

	private static String string(Map<String, Object> properties, String key) {
		return String.valueOf(properties.get(key));
	}

	private static long number(Map<String, Object> properties, String key) {
		if (!(properties.get(key) instanceof Number number)) {
			throw new IllegalStateException("no number for " + key);
		}
		return number.longValue();
	}

	QueryService queries() {
		return this.queries;
	}

	JdbcTemplate jdbc() {
		return new JdbcTemplate(this.pool);
	}

	@Override
	public void close() {
		this.pool.close();
	}

}
