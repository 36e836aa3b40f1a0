package dev.chunker.query;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The Spring Boot application behind the read-only commands ({@code query}, {@code show}, {@code export}): the data
 * source, Flyway and the query service; no batch job, no tree-sitter, no web server.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = { QueryApplication.BATCH, QueryApplication.BATCH_JDBC,
		QueryApplication.BATCH_LAUNCHER, QueryApplication.BATCH_OBSERVATION })
@Import(QueryConfiguration.class)
public class QueryApplication {

	static final String BATCH = "org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration";

	static final String BATCH_JDBC = "org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration";

	static final String BATCH_LAUNCHER = "org.springframework.boot.batch.autoconfigure.BatchJobLauncherAutoConfiguration";

	static final String BATCH_OBSERVATION = "org.springframework.boot.batch.autoconfigure.observation.BatchObservationAutoConfiguration";

}
