package dev.chunker.cli;

import java.util.Map;

import dev.chunker.job.IndexingInfrastructure;
import dev.chunker.schedule.JobDefinition;
import dev.chunker.settings.ChunkerSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContextPropertiesTest {

	private static final String URL = "jdbc:h2:mem:props";

	private final ChunkerSettings settings = ChunkerSettings.load(null, Map.of(),
			Map.of("performance.parallel_workers", 3));

	@Test
	void poolSizeFollowsWhatEachContextRuns() {
		int threads = IndexingInfrastructure.threads(this.settings);
		assertThat(threads).isEqualTo(3);
		assertThat(pool(ContextProperties.database(ContextProperties.Kind.INDEXING, this.settings, URL, false)))
			.isEqualTo(threads + 4 + 1);
		assertThat(pool(ContextProperties.scheduledJob(this.settings, URL, new JobDefinition.Database("", "", ""), 2,
				false))).isEqualTo(threads + 4 + 3 * 2);
		assertThat(pool(ContextProperties.database(ContextProperties.Kind.QUERY, this.settings, URL, false))).isEqualTo(2);
		assertThat(pool(ContextProperties.server(this.settings, URL, "127.0.0.1", 0, false))).isEqualTo(10);
	}

	@Test
	void aJobsOwnCredentialsComeFirstAndH2DefaultsToSa() {
		Map<String, Object> plain = ContextProperties.database(ContextProperties.Kind.INDEXING, this.settings, URL, false);
		if (System.getenv("CHUNKER_DB_USER") == null) {
			assertThat(plain).containsEntry("spring.datasource.username", "sa");
		}
		Map<String, Object> job = ContextProperties.scheduledJob(this.settings, URL,
				new JobDefinition.Database(URL, "indexer", "secret"), 1, false);
		assertThat(job).containsEntry("spring.datasource.username", "indexer")
			.containsEntry("spring.datasource.password", "secret");
	}

	@Test
	void onlyTheServerClosesOnCtrlCAndEveryContextIsQuietUnlessVerbose() {
		assertThat(ContextProperties.server(this.settings, URL, "127.0.0.1", 0, false))
			.containsEntry("spring.main.register-shutdown-hook", true)
			.containsEntry("spring.datasource.hikari.read-only", true)
			.containsEntry("logging.level.org.apache.tomcat", "ERROR");
		assertThat(ContextProperties.monitor("127.0.0.1", 0, true))
			.containsEntry("spring.main.register-shutdown-hook", false)
			.containsEntry("logging.level.org.apache.tomcat", "INFO")
			.doesNotContainKey("spring.datasource.url");
		assertThat(ContextProperties.database(ContextProperties.Kind.QUERY, this.settings, URL, false))
			.containsEntry("spring.main.register-shutdown-hook", false)
			.containsEntry("logging.level.root", "ERROR");
	}

	@Test
	void theMcpServerReadsOverReadOnlyConnectionsAndKeepsTheSdkQuietUnlessVerbose() {
		Map<String, Object> mcp = ContextProperties.readOnlyQuery(this.settings, URL, false);
		assertThat(mcp).containsEntry("spring.datasource.hikari.read-only", true)
			.containsEntry("spring.flyway.url", mcp.get("spring.datasource.url"))
			.containsEntry("spring.main.register-shutdown-hook", false)
			.containsEntry("logging.level.io.modelcontextprotocol", "OFF")
			.doesNotContainKey("server.port");
		assertThat(pool(mcp)).isEqualTo(2);
		assertThat(ContextProperties.readOnlyQuery(this.settings, URL, true))
			.containsEntry("logging.level.io.modelcontextprotocol", "INFO");
		assertThat(ContextProperties.database(ContextProperties.Kind.QUERY, this.settings, URL, false))
			.doesNotContainKey("spring.datasource.hikari.read-only");
	}

	@Test
	void anUnsupportedUrlIsAUsageError() {
		assertThatThrownBy(() -> ContextProperties.database(ContextProperties.Kind.QUERY, this.settings,
				"jdbc:mysql://x/y", false)).isInstanceOf(ChunkerCommand.UsageException.class).hasMessageContaining("--db");
	}

	private static Object pool(Map<String, Object> properties) {
		return properties.get("spring.datasource.hikari.maximum-pool-size");
	}

}
