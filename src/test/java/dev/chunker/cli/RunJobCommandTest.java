package dev.chunker.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.chunker.settings.ChunkerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.chunker.cli.ScheduleTestSupport.runs;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code run-job} and {@code jobs} through the command line, on an H2 file. */
class RunJobCommandTest {

	@TempDir
	Path dir;

	@Test
	void runsEveryRepositoryAndReportsEach() throws Exception {
		ScheduleTestSupport.Db db = ScheduleTestSupport.h2(this.dir);
		Path jobs = writeJob(db, "nightly", "\"0 30 2 * * *\"", ScheduleTestSupport.pythonRepository(this.dir.resolve("one"), 2),
				ScheduleTestSupport.pythonRepository(this.dir.resolve("two"), 3), ScheduleTestSupport.pythonRepository(this.dir.resolve("three"), 1));

		Result first = run("run-job", "nightly", "--jobs", jobs.toString(), "--parallel", "2");
		assertThat(first.exit).as(first.out).isZero();
		assertThat(first.out).contains("chunker: job 'nightly' (" + jobs.resolve("nightly.yaml") + "): 3 repositories into ")
			.contains("COMPLETED repository 'one' (run ")
			.contains("files    3 scanned, 3 new, 0 changed, 0 unchanged, 0 deleted, 0 failed")
			.contains("chunker: job 'nightly' COMPLETED: 3 of 3 repositories completed");

		Result second = run("run-job", jobs.resolve("nightly.yaml").toString());
		assertThat(second.exit).as(second.out).isZero();
		assertThat(second.out).contains("files    2 scanned, 0 new, 0 changed, 2 unchanged, 0 deleted, 0 failed");
		assertThat(runs(db.jdbc(), "two")).hasSize(2).allSatisfy((run) -> assertThat(run.get("STATUS")).isEqualTo("COMPLETED"));

		Result listing = run("jobs", "--db", db.url(), "--jobs", jobs.toString());
		assertThat(listing.exit).as(listing.out).isZero();
		assertThat(listing.out).contains("JOB").contains("SCHEDULE").contains("LAST RUN").contains("RESULT").contains("NEXT RUN");
		assertThat(listing.out.lines().filter((line) -> line.startsWith("nightly ")).findFirst().orElseThrow())
			.contains("'0 30 2 * * *' UTC")
			.contains("3 COMPLETED")
			.containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d .*\\d{4}-\\d\\d-\\d\\d 02:30:00 UTC");
	}

	@Test
	void aRepositoryThatCannotBeIndexedFailsTheJobButNotTheOthers() throws Exception {
		ScheduleTestSupport.Db db = ScheduleTestSupport.h2(this.dir);
		Path jobs = writeJob(db, "partial", null, ScheduleTestSupport.pythonRepository(this.dir.resolve("good"), 2),
				this.dir.resolve("missing"));
		Result result = run("run-job", "partial", "--jobs", jobs.toString());
		assertThat(result.exit).as(result.out).isEqualTo(1);
		assertThat(result.out).contains("COMPLETED repository 'good'")
			.contains("FAILED repository 'missing'")
			.contains(this.dir.resolve("missing") + " is not a directory")
			.contains("chunker: job 'partial' FAILED: 1 of 2 repositories completed");

		Result listing = run("jobs", "--db", db.url(), "--jobs", jobs.toString());
		assertThat(listing.out.lines().filter((line) -> line.startsWith("partial ")).findFirst().orElseThrow())
			.contains("1 COMPLETED, 1 never run")
			.contains("on demand (run-job)");
	}

	@Test
	void badDefinitionsAndNamesAreUsageErrors() throws Exception {
		Path jobs = Files.createDirectories(this.dir.resolve("jobs"));
		Files.writeString(jobs.resolve("broken.yaml"), "schedule:\n  cron: \"every night\"\nrepositories:\n  - path: /x\n");
		Result broken = run("run-job", "broken", "--jobs", jobs.toString());
		assertThat(broken.exit).isEqualTo(2);
		assertThat(broken.out).contains("chunker: " + jobs.resolve("broken.yaml") + ":2: schedule.cron: 'every night' is not a valid cron expression");
		Result unknown = run("run-job", "nope", "--jobs", this.dir.resolve("none").toString());
		assertThat(unknown.exit).isEqualTo(2);
		assertThat(unknown.out).contains("no job 'nope'");
		Result schedule = run("schedule", "--jobs", jobs.toString(), "--port", "0");
		assertThat(schedule.exit).isEqualTo(2);
		assertThat(schedule.out).contains(":2: schedule.cron:");
	}

	@Test
	void indexCommandsStartNoWebServer() {
		String url = "jdbc:h2:file:" + this.dir.resolve("plain").toAbsolutePath();
		try (ConfigurableApplicationContext context = DatabaseContext.start(ChunkerSettings.load(null, Map.of(), Map.of()), url, false)) {
			assertThat(context).isNotInstanceOf(WebServerApplicationContext.class);
		}
	}

	private Path writeJob(ScheduleTestSupport.Db db, String name, String cron, Path... repositories) throws Exception {
		StringBuilder yaml = new StringBuilder("name: " + name + "\n");
		if (cron != null) {
			yaml.append("schedule:\n  cron: ").append(cron).append("\n  zone: UTC\n");
		}
		yaml.append("database:\n  url: \"").append(db.url()).append("\"\nrepositories:\n");
		for (Path repository : repositories) {
			yaml.append("  - path: ").append(repository).append('\n');
		}
		yaml.append("threads: 1\n");
		Path jobs = Files.createDirectories(this.dir.resolve("jobs"));
		Files.writeString(jobs.resolve(name + ".yaml"), yaml);
		return jobs;
	}

	private static Result run(String... args) {
		StringWriter out = new StringWriter();
		PrintWriter writer = new PrintWriter(out, true);
		int exit = ChunkerCommand.run(writer, writer, args);
		return new Result(exit, out.toString());
	}

	private record Result(int exit, String out) {
	}

}
