package dev.chunker.query;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The Spring Boot application of {@code chunker serve}: the query service behind a read-only REST API. */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = { QueryApplication.BATCH, QueryApplication.BATCH_JDBC,
		QueryApplication.BATCH_LAUNCHER, QueryApplication.BATCH_OBSERVATION })
@Import({ QueryConfiguration.class, ApiController.class, ApiErrors.class, OpenApiConfiguration.class })
public class ApiApplication {

}
