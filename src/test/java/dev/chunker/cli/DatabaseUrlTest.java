package dev.chunker.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings an index job relies on are added to H2 URLs, and a URL that sets one itself keeps its value.
 */
class DatabaseUrlTest {

	@Test
	void h2FileUrlGetsDurableWritesAndFreshPlans() {
		String url = DatabaseContext.jdbcUrl("jdbc:h2:file:/tmp/x/db");
		assertThat(url).startsWith("jdbc:h2:file:/tmp/x/db;")
			.contains(";DB_CLOSE_ON_EXIT=FALSE", ";WRITE_DELAY=0", ";QUERY_CACHE_SIZE=0");
	}

	@Test
	void settingsGivenInTheUrlAreKept() {
		String url = DatabaseContext.jdbcUrl("jdbc:h2:file:/tmp/x/db;write_delay=500;QUERY_CACHE_SIZE=16");
		assertThat(url).doesNotContain("WRITE_DELAY=0").doesNotContain("QUERY_CACHE_SIZE=0");
		assertThat(url.split(";")).hasSize(4);
	}

	@Test
	void inMemoryH2HasNoFileSettingAndPostgresqlIsUntouched() {
		assertThat(DatabaseContext.jdbcUrl("jdbc:h2:mem:t")).doesNotContain("WRITE_DELAY").contains("QUERY_CACHE_SIZE=0");
		assertThat(DatabaseContext.jdbcUrl("jdbc:postgresql://127.0.0.1/test")).isEqualTo("jdbc:postgresql://127.0.0.1/test");
	}

	@Test
	void autoServerUrlKeepsClosingOnExit() {
		assertThat(DatabaseContext.jdbcUrl("jdbc:h2:file:/tmp/x/db;AUTO_SERVER=TRUE")).doesNotContain("DB_CLOSE_ON_EXIT");
	}

	@Test
	void describedUrlsShowNoPassword() {
		assertThat(DatabaseContext.describe("jdbc:postgresql://db:5432/chunks?user=chunker&password=s3cret&ssl=true"))
			.isEqualTo("jdbc:postgresql://db:5432/chunks?user=chunker&password=***&ssl=true");
		assertThat(DatabaseContext.describe("jdbc:postgresql://db/chunks?PASSWORD=s3cret")).doesNotContain("s3cret");
		assertThat(DatabaseContext.describe("jdbc:h2:file:/tmp/x/db;PASSWORD=s3cret")).isEqualTo("jdbc:h2:file:/tmp/x/db");
		assertThat(DatabaseContext.describe("jdbc:postgresql://127.0.0.1/test?user=postgres"))
			.isEqualTo("jdbc:postgresql://127.0.0.1/test?user=postgres");
	}

}
