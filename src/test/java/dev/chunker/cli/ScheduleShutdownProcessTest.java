package dev.chunker.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.chunker.cli.ScheduleTestSupport.runs;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM in the middle of a scheduled run: the execution ends STOPPED (not STARTED), the process exits within
 * the stop timeout, the next start ({@code schedule --catch-up}) resumes and completes the run, and the database
 * then equals that of a clean run. On the embedded H2 file (the child owns it) and on PostgreSQL.
 */
class ScheduleShutdownProcessTest {

	private static final Duration WAIT = Duration.ofMinutes(4);

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql" })
	void sigtermStopsTheRunAndTheNextStartCompletesIt(String kind) throws Exception {
		Path repo = ScheduleTestSupport.pythonRepository(this.dir.resolve("repo"), 40);
		try (ScheduleTestSupport.Db db = ScheduleTestSupport.db(kind, this.dir)) {
			Path jobs = Files.createDirectories(this.dir.resolve("jobs"));
			// Once a year: only the catch-up at start-up runs it.
			Files.writeString(jobs.resolve("yearly.yaml"), """
					schedule:
					  cron: "0 0 3 1 1 *"
					  zone: UTC
					database:
					  url: "%s"
					  user: %s
					repositories:
					  - path: %s
					    name: r
					threads: 1
					options:
					  index.commit_interval: 2
					""".formatted(db.url(), db.user(), repo));
			// Every file takes 250 ms more: the run lasts at least ten seconds.
			Map<String, String> slow = Map.of("CHUNKER_FAULT_SLOW_MS", "250");
			try (ScheduleTestSupport.Child scheduler = schedule(jobs, slow)) {
				scheduler.awaitOutput("job 'yearly': catch-up run: repository 'r' was never indexed", WAIT);
				Thread.sleep(4000);
				scheduler.process.destroy();
				int exit = scheduler.waitFor(Duration.ofSeconds(90));
				assertThat(exit).as(scheduler.output()).isEqualTo(143);
				assertThat(scheduler.output()).contains("job 'yearly': stopping the running run")
					.contains("job 'yearly': repository 'r' STOPPED (run 1)")
					.contains("chunker: stopped");
			}
			JdbcTemplate jdbc = db.jdbc();
			assertThat(runs(jdbc, "r")).singleElement().satisfies((run) -> assertThat(run.get("STATUS")).isEqualTo("STOPPED"));
			assertThat(jdbc.queryForList("SELECT STATUS FROM BATCH_JOB_EXECUTION", String.class)).containsExactly("STOPPED");
			int indexedBefore = jdbc.queryForObject("SELECT COUNT(*) FROM files", Integer.class);
			assertThat(indexedBefore).isLessThan(40);

			try (ScheduleTestSupport.Child scheduler = schedule(jobs, Map.of())) {
				scheduler.awaitOutput("job 'yearly': repository 'r' COMPLETED (run 1, resumed)", WAIT);
				assertThat(scheduler.output()).contains("catch-up run: repository 'r' has an unfinished run 1 (STOPPED)");
				scheduler.process.destroy();
				scheduler.waitFor(Duration.ofSeconds(90));
			}
			assertThat(runs(jdbc, "r")).singleElement().satisfies((run) -> {
				assertThat(run.get("STATUS")).isEqualTo("COMPLETED");
				assertThat(((Number) run.get("FILES_SCANNED")).intValue()).isEqualTo(40);
			});
			assertThat(jdbc.queryForList("SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID", String.class))
				.containsExactly("STOPPED", "COMPLETED");
			assertThat(ScheduleTestSupport.chunkDigest(jdbc, "r")).isEqualTo(cleanDigest(repo));
		}
	}

	private ScheduleTestSupport.Child schedule(Path jobs, Map<String, String> env) throws Exception {
		return ScheduleTestSupport.Child.start(this.dir.resolve("work"), env, "schedule", "--jobs", jobs.toString(),
				"--catch-up", "--port", "0", "--address", "127.0.0.1", "--stop-timeout", "45");
	}

	/** The chunks of one uninterrupted run of the same tree into a database of its own. */
	private String cleanDigest(Path repo) throws Exception {
		ScheduleTestSupport.Db clean = ScheduleTestSupport.h2(Files.createDirectories(this.dir.resolve("clean")));
		StringWriter out = new StringWriter();
		int exit = ChunkerCommand.run(new PrintWriter(out), new PrintWriter(out), "index", repo.toString(), "--repo", "r", "--db",
				clean.url(), "--threads", "1");
		assertThat(exit).as(out.toString()).isZero();
		String digest = ScheduleTestSupport.chunkDigest(clean.jdbc(), "r");
		assertThat(digest).doesNotStartWith("0:");
		return digest;
	}

}
