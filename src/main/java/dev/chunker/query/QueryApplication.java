package dev.chunker.query;

import dev.chunker.store.MigrationChecksums;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The Spring Boot application behind the read-only commands ({@code query}, {@code show}, {@code export}): the data
 * source, Flyway and the query service; no batch job, no tree-sitter, no web server.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({ ConfigurationPropertiesAutoConfiguration.class, DataSourceAutoConfiguration.class,
		DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
		FlywayAutoConfiguration.class })
@Import({ QueryConfiguration.class, MigrationChecksums.class })
public class QueryApplication {

}
