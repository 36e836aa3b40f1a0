package dev.chunker.cli;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.chunker.store.RepositoryLock;
import dev.chunker.store.RepositoryLockDao;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.chunker.cli.ScheduleTestSupport.await;
import static dev.chunker.cli.ScheduleTestSupport.runs;
import static dev.chunker.cli.ScheduleTestSupport.tableExists;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One run per repository across processes: two {@code chunker index} JVMs on one repository, and a lock left by
 * a killed process. On PostgreSQL and on an H2 file shared over TCP (the embedded mode admits one process).
 */
class RepositoryLockProcessTest {

	private static final Duration WAIT = Duration.ofMinutes(4);

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { "h2-server", "postgresql" })
	void secondProcessOnTheSameRepositoryIsRefused(String kind) throws Exception {
		Path repo = ScheduleTestSupport.pythonRepository(this.dir.resolve("repo"), 40);
		try (ScheduleTestSupport.Db db = ScheduleTestSupport.db(kind, this.dir);
				ScheduleTestSupport.Child first = index(db, repo, Map.of("CHUNKER_FAULT_SLOW_MS", "2000"))) {
			JdbcTemplate jdbc = db.jdbc();
			await("the first process's lock", WAIT, () -> locks(jdbc) == 1);
			try (ScheduleTestSupport.Child second = index(db, repo, Map.of())) {
				assertThat(second.waitFor(WAIT)).as(second.output()).isEqualTo(1);
				assertThat(second.output()).contains("chunker: repository 'shared' is being indexed by ")
					.contains("one run per repository at a time");
			}
			assertThat(first.process.isAlive()).as(first.output()).isTrue();
			assertThat(runs(jdbc, "shared")).hasSize(1);
			// The first one stops cleanly on SIGTERM and gives the lock back.
			first.process.destroy();
			assertThat(first.waitFor(WAIT)).isNotZero();
			assertThat(locks(jdbc)).isZero();
			assertThat(runs(jdbc, "shared")).singleElement().satisfies((run) -> assertThat(run.get("STATUS")).isEqualTo("STOPPED"));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2-server", "postgresql" })
	void lockOfAKilledProcessIsTakenOverOnceStale(String kind) throws Exception {
		Path repo = ScheduleTestSupport.pythonRepository(this.dir.resolve("repo"), 40);
		Map<String, String> ttl = Map.of("CHUNKER_INDEX_LOCK_TTL_SECONDS", "3");
		try (ScheduleTestSupport.Db db = ScheduleTestSupport.db(kind, this.dir)) {
			JdbcTemplate jdbc = db.jdbc();
			try (ScheduleTestSupport.Child killed = index(db, repo, Map.of("CHUNKER_FAULT_SLOW_MS", "2000",
					"CHUNKER_INDEX_LOCK_TTL_SECONDS", "3"))) {
				await("the run to start", WAIT, () -> locks(jdbc) == 1 && runs(jdbc, "shared").stream()
					.anyMatch((run) -> "STARTED".equals(run.get("STATUS"))));
				killed.process.destroyForcibly();
				killed.waitFor(WAIT);
			}
			// Right after the kill the heartbeat is fresh: the lock still counts.
			if (heartbeatAgeMillis(jdbc) < 2000) {
				assertThatThrownBy(() -> new RepositoryLockDao(jdbc).acquire("shared", Duration.ofSeconds(3)))
					.isInstanceOf(RepositoryLock.RepositoryBusyException.class);
			}
			await("the lock to go stale", WAIT, () -> heartbeatAgeMillis(jdbc) > 3500);
			assertThat(runs(jdbc, "shared")).singleElement().satisfies((run) -> assertThat(run.get("STATUS")).isEqualTo("STARTED"));
			try (ScheduleTestSupport.Child next = index(db, repo, ttl)) {
				assertThat(next.waitFor(WAIT)).as(next.output()).isZero();
				assertThat(next.output()).contains("COMPLETED run 1 of 'shared'").contains(", resumed");
			}
			List<Map<String, Object>> runs = runs(jdbc, "shared");
			assertThat(runs).singleElement().satisfies((run) -> assertThat(run.get("STATUS")).isEqualTo("COMPLETED"));
			assertThat(locks(jdbc)).isZero();
			// The killed execution was recovered (FAILED) and the run restarted in a new execution.
			assertThat(jdbc.queryForList("SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID", String.class))
				.containsExactly("FAILED", "COMPLETED");
		}
	}

	private ScheduleTestSupport.Child index(ScheduleTestSupport.Db db, Path repo, Map<String, String> env) throws Exception {
		Map<String, String> all = new java.util.HashMap<>(env);
		all.put("CHUNKER_DB_USER", db.user());
		return ScheduleTestSupport.Child.start(this.dir.resolve("work"), all, "index", repo.toString(), "--repo", "shared",
				"--db", db.url(), "--threads", "1");
	}

	private static int locks(JdbcTemplate jdbc) {
		if (!tableExists(jdbc, "repository_locks")) {
			return 0;
		}
		Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM repository_locks WHERE repo_name = 'shared'", Integer.class);
		return (count != null) ? count : 0;
	}

	private static long heartbeatAgeMillis(JdbcTemplate jdbc) {
		List<Timestamp> beats = jdbc.queryForList("SELECT heartbeat_at FROM repository_locks WHERE repo_name = 'shared'",
				Timestamp.class);
		Timestamp now = jdbc.queryForObject("SELECT CURRENT_TIMESTAMP", Timestamp.class);
		return beats.isEmpty() ? Long.MAX_VALUE : now.getTime() - beats.get(0).getTime();
	}

}
