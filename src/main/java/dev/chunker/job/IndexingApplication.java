package dev.chunker.job;

import javax.sql.DataSource;

import dev.chunker.store.MigrationChecksums;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

import dev.chunker.settings.ChunkerSettings;
import dev.chunker.store.RepositoryDao;
import dev.chunker.store.RepositoryLockDao;
import dev.chunker.store.RunDao;

/**
 * The Spring Boot application behind the database commands: Boot's JDBC job repository, Flyway, the index job.
 * Started per command by the command line, with the settings bean registered up front. It imports the data
 * source, its transaction manager and {@code JdbcTemplate}, Flyway, and Spring Batch's JDBC job repository and
 * operator; nothing else (no web, metrics or job runner at startup: the commands launch jobs themselves).
 */
@SpringBootConfiguration
@ImportAutoConfiguration({ ConfigurationPropertiesAutoConfiguration.class, DataSourceAutoConfiguration.class,
		DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
		FlywayAutoConfiguration.class, BatchJdbcAutoConfiguration.class })
@Import({ IndexingInfrastructure.class, IndexJobConfiguration.class, MigrationChecksums.class,
		dev.chunker.job.remote.RemotePartitioningConfiguration.class })
public class IndexingApplication {

	@Bean
	IndexLauncher indexLauncher(JobOperator jobOperator, JobRepository jobRepository, Job indexJob,
			RepositoryDao repositories, RunDao runs, RepositoryLockDao locks, ChunkerSettings settings,
			DataSource dataSource, InFlightJournals journals, ObjectProvider<RecoveryGate> gate) {
		IndexLauncher launcher = new IndexLauncher(jobOperator, jobRepository, indexJob, repositories, runs, locks,
				settings.index().lockTtl(), dataSource, settings.database().outageTolerance(), journals);
		gate.ifAvailable(launcher::setRecoveryGate);
		return launcher;
	}

	/** Where this process sees the repository roots of the runs it executes ({@code chunker worker --root-map}). */
	@Bean
	RootMap rootMap(@Value("${chunker.root-map:}") String mapping) {
		return RootMap.parse(mapping);
	}

	@Bean
	InFlightJournals inFlightJournals(@Value("${spring.datasource.url}") String jdbcUrl) {
		return new InFlightJournals(jdbcUrl);
	}

}
