package dev.chunker.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.chunker.schedule.JobDefinition;
import dev.chunker.schedule.JobDefinitions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.chunker.cli.ScheduleTestSupport.await;
import static dev.chunker.cli.ScheduleTestSupport.runs;
import static org.assertj.core.api.Assertions.assertThat;

/** The scheduler in this JVM: cron triggers every few seconds, incremental runs, skipped overlaps, metrics over HTTP. */
class SchedulerTest {

	private static final Duration WAIT = Duration.ofSeconds(Integer.getInteger("chunker.test.wait", 240));

	@TempDir
	Path dir;

	@Test
	void indexesBothRepositoriesRepeatedlyAndIncrementallyWithMetrics() throws Exception {
		Path alpha = ScheduleTestSupport.pythonRepository(this.dir.resolve("alpha"), 3);
		Path beta = ScheduleTestSupport.pythonRepository(this.dir.resolve("beta"), 4);
		ScheduleTestSupport.Db db = ScheduleTestSupport.h2(this.dir);
		JobDefinition job = define("tick", "*/3 * * * * *", db, alpha, beta);
		StringWriter log = new StringWriter();
		SchedulerProcess process = SchedulerProcess.start(List.of(job), null, Map.of(), "127.0.0.1", 0, false, false,
				new PrintWriter(log, true));
		boolean stoppedCleanly;
		try {
			JdbcTemplate jdbc = db.jdbc();
			await("two completed runs of alpha", WAIT, () -> completed(jdbc, "alpha") >= 2);
			// A change between runs: the next run of alpha finds exactly this file changed.
			Path changed = alpha.resolve("pkg/module_0.py");
			Files.writeString(changed, Files.readString(changed) + "\n\ndef added():\n    return 42\n");
			int before = completed(jdbc, "alpha");
			await("alpha's run after the change, and three runs of beta", WAIT,
					() -> completed(jdbc, "alpha") >= before + 1 && completed(jdbc, "beta") >= 3);

			String prometheus = get(process.port(), "/actuator/prometheus");
			assertThat(prometheus).contains("chunker_repository_files_total{job=\"tick\",outcome=\"new\",repo=\"alpha\"} 3.0")
				.contains("chunker_repository_files_total{job=\"tick\",outcome=\"new\",repo=\"beta\"} 4.0")
				.contains("chunker_repository_files_total{job=\"tick\",outcome=\"changed\",repo=\"alpha\"} 1.0")
				.contains("chunker_repository_chunks_total{job=\"tick\",operation=\"written\",repo=\"beta\"}")
				.contains("chunker_repository_scanned_bytes_total{job=\"tick\",repo=\"alpha\"}")
				.contains("chunker_repository_run_duration_seconds_count{job=\"tick\",outcome=\"COMPLETED\",repo=\"beta\"}")
				.contains("chunker_repository_failures_total{job=\"tick\",repo=\"alpha\"} 0.0")
				.contains("chunker_job_runs_total{job=\"tick\",status=\"COMPLETED\"}")
				.contains("chunker_job_triggers_skipped_total{job=\"tick\"}")
				.contains("chunker_job_last_success_seconds{job=\"tick\"}")
				.contains("jvm_memory_used_bytes");
			String health = get(process.port(), "/actuator/health");
			assertThat(health).contains("\"status\":\"UP\"").contains("\"scheduler\"").contains("\"tick\"").contains("nextRun");
		}
		finally {
			stoppedCleanly = process.shutdown(Duration.ofSeconds(60));
			System.out.println(log);
		}
		assertThat(stoppedCleanly).isTrue();

		List<Map<String, Object>> alphaRuns = runs(db.jdbc(), "alpha");
		assertThat(alphaRuns.get(0)).containsEntry("STATUS", "COMPLETED");
		assertThat(((Number) alphaRuns.get(0).get("FILES_NEW")).intValue()).isEqualTo(3);
		assertThat(((Number) alphaRuns.get(1).get("FILES_NEW")).intValue()).isZero();
		assertThat(((Number) alphaRuns.get(1).get("FILES_UNCHANGED")).intValue()).isEqualTo(3);
		assertThat(alphaRuns).anySatisfy((run) -> {
			assertThat(((Number) run.get("FILES_CHANGED")).intValue()).isEqualTo(1);
			assertThat(((Number) run.get("FILES_UNCHANGED")).intValue()).isEqualTo(2);
		});
		List<Map<String, Object>> betaRuns = runs(db.jdbc(), "beta");
		assertThat(((Number) betaRuns.get(0).get("FILES_NEW")).intValue()).isEqualTo(4);
		for (Map<String, Object> run : betaRuns.subList(1, betaRuns.size())) {
			if ("COMPLETED".equals(run.get("STATUS"))) {
				assertThat(((Number) run.get("FILES_NEW")).intValue()).isZero();
				assertThat(((Number) run.get("FILES_UNCHANGED")).intValue()).isEqualTo(4);
			}
		}
		assertNoOverlap(alphaRuns);
		assertNoOverlap(betaRuns);
		assertThat(log.toString()).contains("job 'tick': run started").contains("repository 'alpha' COMPLETED");
	}

	@Test
	void triggerWhileThePreviousRunIsGoingIsSkipped() throws Exception {
		Path slow = ScheduleTestSupport.pythonRepository(this.dir.resolve("slow"), 8);
		ScheduleTestSupport.Db db = ScheduleTestSupport.h2(this.dir);
		JobDefinition job = define("overlap", "*/2 * * * * *", db, slow);
		StringWriter log = new StringWriter();
		// Each file takes 600 ms more: a run lasts about five seconds, more than twice the period.
		System.setProperty("chunker.fault.slow-ms", "600");
		SchedulerProcess process = SchedulerProcess.start(List.of(job), null, Map.of(), "127.0.0.1", 0, false, false,
				new PrintWriter(log, true));
		try {
			await("two completed runs and two skipped triggers", WAIT,
					() -> completed(db.jdbc(), "slow") >= 2 && process.scheduler().skipped("overlap") >= 2);
			assertThat(get(process.port(), "/actuator/prometheus")).containsPattern(
					"chunker_job_triggers_skipped_total\\{job=\"overlap\"} [1-9]");
		}
		finally {
			System.clearProperty("chunker.fault.slow-ms");
			assertThat(process.shutdown(Duration.ofSeconds(60))).isTrue();
			System.out.println(log);
		}
		assertThat(log.toString()).contains("job 'overlap': trigger skipped, the previous run (started ");
		List<Map<String, Object>> slowRuns = runs(db.jdbc(), "slow");
		assertNoOverlap(slowRuns);
		// Skipped, not queued: fewer runs than triggers, and never two at once.
		assertThat(slowRuns.stream().filter((r) -> "COMPLETED".equals(r.get("STATUS"))).count()).isGreaterThanOrEqualTo(2);
	}

	private JobDefinition define(String name, String cron, ScheduleTestSupport.Db db, Path... repositories) throws Exception {
		StringBuilder yaml = new StringBuilder("name: " + name + "\nschedule:\n  cron: \"" + cron + "\"\n  zone: UTC\n")
			.append("database:\n  url: \"").append(db.url()).append("\"\n  user: ").append(db.user()).append("\nrepositories:\n");
		for (Path repository : repositories) {
			yaml.append("  - path: ").append(repository).append('\n');
		}
		yaml.append("threads: 1\noptions:\n  index.commit_interval: 2\n");
		Path jobs = Files.createDirectories(this.dir.resolve("jobs"));
		return JobDefinitions.load(Files.writeString(jobs.resolve(name + ".yaml"), yaml), Map.of());
	}

	private static int completed(JdbcTemplate jdbc, String repo) {
		if (!ScheduleTestSupport.tableExists(jdbc, "runs")) {
			return 0;
		}
		return (int) runs(jdbc, repo).stream().filter((run) -> "COMPLETED".equals(run.get("STATUS"))).count();
	}

	private static void assertNoOverlap(List<Map<String, Object>> runs) {
		for (int i = 1; i < runs.size(); i++) {
			Timestamp previousEnd = (Timestamp) runs.get(i - 1).get("ENDED_AT");
			Timestamp start = (Timestamp) runs.get(i).get("STARTED_AT");
			assertThat(previousEnd).as("run %s ended", runs.get(i - 1).get("RUN_ID")).isNotNull();
			assertThat(start).as("run %s starts after the previous one ended", runs.get(i).get("RUN_ID")).isAfterOrEqualTo(previousEnd);
		}
	}

	private static String get(int port, String path) throws Exception {
		try (HttpClient client = HttpClient.newHttpClient()) {
			HttpResponse<String> response = client.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			return response.body();
		}
	}

}
