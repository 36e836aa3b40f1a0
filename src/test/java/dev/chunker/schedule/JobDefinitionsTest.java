package dev.chunker.schedule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import dev.chunker.settings.ChunkerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobDefinitionsTest {

	@TempDir
	Path dir;

	@Test
	void shippedExampleValidatesAndRuns() {
		JobDefinition example = JobDefinitions.load(Path.of("jobs/example-nightly.yaml"), Map.of());
		assertThat(example.name()).isEqualTo("example-nightly");
		assertThat(example.schedule()).isNotNull();
		assertThat(example.schedule().zone()).isEqualTo(ZoneId.of("UTC"));
		assertThat(example.repositories()).extracting(JobDefinition.Repository::name).containsExactly("chunker-main", "chunker-tests");
		// Relative paths are read from the file's directory: the example indexes this project's sources.
		assertThat(example.repositories().get(0).path()).isEqualTo(Path.of("src/main/java").toAbsolutePath());
		assertThat(example.repositories().get(0).path()).isDirectory();
		assertThat(example.threads()).isEqualTo(2);
		ChunkerSettings settings = example.settings(null, Map.of());
		assertThat(settings.index().commitInterval()).isEqualTo(50);
		assertThat(settings.performance().parseTimeoutMs()).isEqualTo(30000);
		assertThat(settings.performance().parallelWorkers()).isEqualTo(2);
		assertThat(settings.rules().get("python").minChunkLines()).isEqualTo(2);
		assertThat(JobDefinitions.loadAll(Path.of("jobs"), Map.of())).extracting(JobDefinition::name).contains("example-nightly");
	}

	@Test
	void readsEveryField() throws Exception {
		Path file = write("nightly.yaml", """
				name: nightly
				schedule:
				  cron: "*/3 * * * * *"
				  zone: Europe/Berlin
				database:
				  url: jdbc:postgresql://db:5432/chunks
				  user: chunker
				  password: ${SECRET}
				repositories:
				  - path: /srv/a
				  - path: b
				    name: bee
				    include: "src/**"
				    exclude: ["**/gen/**", "*.pb.go"]
				threads: 3
				options:
				  performance:
				    cache_size: 7
				  index.commit_interval: 5
				""");
		JobDefinition job = JobDefinitions.load(file, Map.of("SECRET", "s3cret"));
		assertThat(job.schedule().cron()).isEqualTo("*/3 * * * * *");
		assertThat(job.schedule().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
		assertThat(job.database()).isEqualTo(new JobDefinition.Database("jdbc:postgresql://db:5432/chunks", "chunker", "s3cret"));
		assertThat(job.repositories()).containsExactly(
				new JobDefinition.Repository("a", Path.of("/srv/a"), List.of(), List.of()),
				new JobDefinition.Repository("bee", this.dir.resolve("b").toAbsolutePath(), List.of("src/**"),
						List.of("**/gen/**", "*.pb.go")));
		assertThat(job.options()).containsEntry("performance.cache_size", 7).containsEntry("index.commit_interval", 5);
		ChunkerSettings settings = job.settings(null, Map.of());
		assertThat(settings.performance().cacheSize()).isEqualTo(7);
		assertThat(settings.performance().parallelWorkers()).isEqualTo(3);
		assertThat(settings.database().url()).isEqualTo("jdbc:postgresql://db:5432/chunks");
		assertThat(job.toString()).doesNotContain("s3cret");
	}

	@Test
	void nameDefaultsToTheFileAndScheduleMayBeOneStringOrAbsent() throws Exception {
		JobDefinition manual = JobDefinitions.load(write("manual.yml", "repositories:\n  - path: /srv/x\n"), Map.of());
		assertThat(manual.name()).isEqualTo("manual");
		assertThat(manual.schedule()).isNull();
		JobDefinition shorthand = JobDefinitions.load(write("short.yaml", "schedule: \"0 0 3 * * SAT\"\nrepositories:\n  - path: /x\n"), Map.of());
		assertThat(shorthand.schedule().cron()).isEqualTo("0 0 3 * * SAT");
		assertThat(shorthand.schedule().zone()).isEqualTo(ZoneId.systemDefault());
	}

	@Test
	void badCronNamesFileLineAndKey() throws Exception {
		Path file = write("bad.yaml", """
				name: bad
				schedule:
				  cron: "30 2 * * *"
				repositories:
				  - path: /srv/a
				""");
		assertThatThrownBy(() -> JobDefinitions.load(file, Map.of())).isInstanceOf(JobDefinitionException.class)
			.hasMessageStartingWith(file + ":3: schedule.cron: '30 2 * * *' is not a valid cron expression")
			.hasMessageContaining("six fields");
	}

	@Test
	void unknownZone() throws Exception {
		Path file = write("zone.yaml", "schedule:\n  cron: \"0 0 2 * * *\"\n  zone: Mars/Olympus\nrepositories:\n  - path: /a\n");
		assertThatThrownBy(() -> JobDefinitions.load(file, Map.of()))
			.hasMessageStartingWith(file + ":3: schedule.zone: unknown time zone 'Mars/Olympus'");
	}

	@Test
	void missingPathAndMissingRepositories() throws Exception {
		Path noPath = write("nopath.yaml", "repositories:\n  - name: a\n    exclude: [\"x\"]\n");
		assertThatThrownBy(() -> JobDefinitions.load(noPath, Map.of()))
			.hasMessageStartingWith(noPath + ":2: repositories[0].path: missing");
		Path none = write("none.yaml", "name: none\nthreads: 2\n");
		assertThatThrownBy(() -> JobDefinitions.load(none, Map.of()))
			.hasMessageStartingWith(none + ":1: repositories: missing");
		Path empty = write("empty.yaml", "repositories: []\n");
		assertThatThrownBy(() -> JobDefinitions.load(empty, Map.of()))
			.hasMessageStartingWith(empty + ":1: repositories: must be a non-empty list");
	}

	@Test
	void duplicateRepositoryNames() throws Exception {
		Path file = write("dup.yaml", """
				repositories:
				  - path: /srv/one/app
				  - path: /srv/two/lib
				    name: other
				  - path: /srv/three/app
				""");
		assertThatThrownBy(() -> JobDefinitions.load(file, Map.of()))
			.hasMessageStartingWith(file + ":5: repositories[2].name: duplicate repository name 'app' (also at line 2)");
	}

	@Test
	void unknownAndDuplicateKeys() throws Exception {
		Path unknown = write("unknown.yaml", "repositories:\n  - path: /a\nthread: 2\n");
		assertThatThrownBy(() -> JobDefinitions.load(unknown, Map.of()))
			.hasMessageStartingWith(unknown + ":3: thread: unknown key; a job takes name, schedule, database, repositories, threads, remote, options");
		Path repoKey = write("repokey.yaml", "repositories:\n  - path: /a\n    includes: [x]\n");
		assertThatThrownBy(() -> JobDefinitions.load(repoKey, Map.of()))
			.hasMessageStartingWith(repoKey + ":3: repositories[0].includes: unknown key");
		Path duplicate = write("duplicate.yaml", "threads: 1\nrepositories:\n  - path: /a\nthreads: 2\n");
		assertThatThrownBy(() -> JobDefinitions.load(duplicate, Map.of()))
			.hasMessageStartingWith(duplicate + ":4: threads: duplicate key (also at line 1)");
	}

	@Test
	void optionsAreValidatedLikeTheConfigurationFile() throws Exception {
		Path badValue = write("value.yaml", """
				repositories:
				  - path: /a
				options:
				  performance:
				    cache_size: lots
				""");
		assertThatThrownBy(() -> JobDefinitions.load(badValue, Map.of()))
			.hasMessageStartingWith(badValue + ":5: options.performance.cache_size: ")
			.hasMessageContaining("must be a whole number, was 'lots'");
		Path unknownKey = write("key.yaml", "repositories:\n  - path: /a\noptions:\n  index.comit_interval: 3\n");
		assertThatThrownBy(() -> JobDefinitions.load(unknownKey, Map.of()))
			.hasMessageStartingWith(unknownKey + ":4: options.index.comit_interval: unknown key 'index.comit_interval'");
		Path language = write("language.yaml", "repositories:\n  - path: /a\noptions:\n  languages:\n    klingon:\n      enabled: false\n");
		assertThatThrownBy(() -> JobDefinitions.load(language, Map.of()))
			.hasMessageStartingWith(language + ":6: options.languages.klingon.enabled: unknown language");
		Path range = write("range.yaml", "repositories:\n  - path: /a\noptions:\n  chunking.min_chunk_size: 9\n  chunking.max_chunk_size: 3\n");
		assertThatThrownBy(() -> JobDefinitions.load(range, Map.of()))
			.hasMessageStartingWith(range + ":4: options: chunking.min_chunk_size (9) is larger than chunking.max_chunk_size (3)");
		Path database = write("database.yaml", "repositories:\n  - path: /a\noptions:\n  database.url: jdbc:h2:mem:x\n");
		assertThatThrownBy(() -> JobDefinitions.load(database, Map.of()))
			.hasMessageStartingWith(database + ":4: options.database.url: set the database in the job's 'database' section");
	}

	@Test
	void otherValueErrors() throws Exception {
		Path threads = write("threads.yaml", "repositories:\n  - path: /a\nthreads: 0\n");
		assertThatThrownBy(() -> JobDefinitions.load(threads, Map.of()))
			.hasMessageStartingWith(threads + ":3: threads: must be a whole number of at least 1");
		Path url = write("url.yaml", "database:\n  url: mysql://x\nrepositories:\n  - path: /a\n");
		assertThatThrownBy(() -> JobDefinitions.load(url, Map.of()))
			.hasMessageStartingWith(url + ":2: database.url: must be a jdbc:h2: or jdbc:postgresql: URL");
		Path variable = write("variable.yaml", "database:\n  password: ${NOPE_NOT_SET}\nrepositories:\n  - path: /a\n");
		assertThatThrownBy(() -> JobDefinitions.load(variable, Map.of()))
			.hasMessageStartingWith(variable + ":2: database.password: environment variable NOPE_NOT_SET is not set");
		Path name = write("name.yaml", "name: \"no spaces please\"\nrepositories:\n  - path: /a\n");
		assertThatThrownBy(() -> JobDefinitions.load(name, Map.of()))
			.hasMessageStartingWith(name + ":1: name: 'no spaces please' is not a valid job name");
		Path yaml = write("yaml.yaml", "repositories:\n  - path: /a\n  bad: [\n");
		assertThatThrownBy(() -> JobDefinitions.load(yaml, Map.of())).hasMessageStartingWith(yaml + ":").hasMessageContaining("not valid YAML");
	}

	@Test
	void directoryNamesMustBeUniqueAndJobsAreFoundByNameOrFile() throws Exception {
		write("a.yaml", "name: alpha\nrepositories:\n  - path: /a\n");
		write("b.yaml", "name: beta\nrepositories:\n  - path: /b\n");
		Files.writeString(this.dir.resolve("notes.txt"), "not a job");
		assertThat(JobDefinitions.loadAll(this.dir, Map.of())).extracting(JobDefinition::name).containsExactly("alpha", "beta");
		assertThat(JobDefinitions.find("beta", this.dir, Map.of()).file()).isEqualTo(this.dir.resolve("b.yaml"));
		assertThat(JobDefinitions.find("a", this.dir, Map.of()).name()).isEqualTo("alpha");
		assertThat(JobDefinitions.find(this.dir.resolve("b.yaml").toString(), Path.of("elsewhere"), Map.of()).name()).isEqualTo("beta");
		assertThatThrownBy(() -> JobDefinitions.find("gamma", this.dir, Map.of()))
			.hasMessage("no job 'gamma' in " + this.dir + " (known: alpha, beta)");
		write("c.yaml", "name: alpha\nrepositories:\n  - path: /c\n");
		assertThatThrownBy(() -> JobDefinitions.loadAll(this.dir, Map.of()))
			.hasMessageContaining("job 'alpha' is also defined in " + this.dir.resolve("a.yaml"));
	}

	private Path write(String name, String text) throws Exception {
		return Files.writeString(this.dir.resolve(name), text);
	}

}
