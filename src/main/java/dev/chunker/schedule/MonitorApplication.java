package dev.chunker.schedule;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The web context of {@code chunker schedule}: Actuator's health and Prometheus endpoints over the scheduler's
 * meters. It has no database of its own (each job run opens its job's database), so the data source, Flyway and
 * Spring Batch are left out.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayEndpointAutoConfiguration",
		"org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration",
		"org.springframework.boot.batch.autoconfigure.BatchJobLauncherAutoConfiguration",
		"org.springframework.boot.batch.autoconfigure.observation.BatchObservationAutoConfiguration",
		"org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration" })
public class MonitorApplication {

	/** Health component {@code scheduler}: UP while scheduling, OUT_OF_SERVICE while stopping; details per job. */
	@Bean
	HealthIndicator schedulerHealthIndicator(Holder holder) {
		return () -> {
			JobScheduler scheduler = holder.scheduler;
			if (scheduler == null) {
				return Health.unknown().withDetail("state", "starting").build();
			}
			Health.Builder health = scheduler.stopping() ? Health.outOfService() : Health.up();
			return health.withDetail("jobs", scheduler.status()).build();
		};
	}

	/** Registered before the context starts; set once the scheduler (which needs the context's meters) exists. */
	public static final class Holder {

		volatile @org.jspecify.annotations.Nullable JobScheduler scheduler;

		public void set(JobScheduler scheduler) {
			this.scheduler = scheduler;
		}

	}

}
