package dev.chunker.query;

import java.util.Set;
import java.util.stream.Collectors;

import dev.chunker.chunk.LanguageRules;
import dev.chunker.settings.ChunkerSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** The query services (one per concern, held together by {@link QueryService}) over Boot's data source. */
@Configuration(proxyBeanMethods = false)
public class QueryConfiguration {

	@Bean
	QueryService queryService(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager,
			ChunkerSettings settings) {
		Set<String> languages = settings.rules().all().stream().map(LanguageRules::id).collect(Collectors.toSet());
		return QueryService.over(jdbcTemplate, transactionManager, languages);
	}

}
