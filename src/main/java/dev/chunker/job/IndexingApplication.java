package dev.chunker.job;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

import java.time.Duration;

import dev.chunker.settings.ChunkerSettings;
import dev.chunker.settings.SettingKey;
import dev.chunker.store.RepositoryDao;
import dev.chunker.store.RepositoryLockDao;
import dev.chunker.store.RunDao;

/**
 * The Spring Boot application behind the database commands: Boot's JDBC job repository, Flyway, the index job.
 * Started per command by the command line, with the settings bean registered up front.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ IndexingInfrastructure.class, IndexJobConfiguration.class })
public class IndexingApplication {

	@Bean
	IndexLauncher indexLauncher(JobOperator jobOperator, JobRepository jobRepository, Job indexJob,
			RepositoryDao repositories, RunDao runs, RepositoryLockDao locks, ChunkerSettings settings) {
		return new IndexLauncher(jobOperator, jobRepository, indexJob, repositories, runs, locks,
				Duration.ofSeconds(settings.getInt(SettingKey.LOCK_TTL_SECONDS)));
	}

}
