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
 * One run per repository across processes: two {@code chunker index} JVMs on one repository (the live holder
 * refuses the second), and a lock left by a killed process (taken over at once when it died on this machine, or on
 * PostgreSQL when its session's advisory lock is free; else once its heartbeat is stale). On PostgreSQL and on an H2 file shared over TCP (the embedded mode admits one process).
 */
class RepositoryLockProcessTest {

	private static final Duration WAIT = Duration.ofMinutes(4);

	/** A heartbeat time-to-live far longer than the test: a lock taken over under it was not taken over for its age. */
	private static final Map<String, String> LONG_TTL = Map.of("CHUNKER_INDEX_LOCK_TTL_SECONDS", "3600");

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
				// Named by host, pid and since when, in one line.
				assertThat(second.output()).containsPattern("chunker: repository 'shared' is being indexed by \\S+ pid "
						+ first.process.pid() + " since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\(heartbeat \\d+ s ago\\); "
						+ "one run per repository at a time \\(a lock left by a process that died on another machine expires "
						+ "after 60 s without heartbeat\\)");
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
	void lockOfAProcessKilledOnThisMachineIsTakenOverAtOnce(String kind) throws Exception {
		Path repo = ScheduleTestSupport.pythonRepository(this.dir.resolve("repo"), 40);
		try (ScheduleTestSupport.Db db = ScheduleTestSupport.db(kind, this.dir)) {
			JdbcTemplate jdbc = db.jdbc();
			long killedPid = killMidRun(db, repo);
			assertThat(holder(jdbc)).isEqualTo("pid " + killedPid);
			// The heartbeat is fresh and its time-to-live far away: only the holder being gone lets the rerun in.
			try (ScheduleTestSupport.Child next = index(db, repo, LONG_TTL)) {
				assertThat(next.waitFor(WAIT)).as(next.output()).isZero();
				assertThat(next.output()).contains("COMPLETED run 1 of 'shared'").contains(", resumed");
			}
			assertCompletedLikeACleanRun(db, repo);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2-server", "postgresql" })
	void lockOfAProcessKilledOnAnotherMachineWaitsForItsHeartbeatOrItsAdvisoryLock(String kind) throws Exception {
		Path repo = ScheduleTestSupport.pythonRepository(this.dir.resolve("repo"), 40);
		try (ScheduleTestSupport.Db db = ScheduleTestSupport.db(kind, this.dir)) {
			JdbcTemplate jdbc = db.jdbc();
			long killedPid = killMidRun(db, repo);
			// As if the killed process had run on another machine: its pid says nothing here.
			jdbc.update("UPDATE repository_locks SET holder_host = 'another-machine' WHERE repo_name = 'shared'");
			if (kind.equals("postgresql")) {
				// The server ended the killed process's session, and with it the advisory lock the row says it held.
				assertThat(jdbc.queryForObject("SELECT advisory_server FROM repository_locks", String.class)).isNotNull();
				await("the killed session's advisory lock to be released", WAIT, () -> advisoryLocks(jdbc) == 0);
				try (ScheduleTestSupport.Child next = index(db, repo, LONG_TTL)) {
					assertThat(next.waitFor(WAIT)).as(next.output()).isZero();
					assertThat(next.output()).contains(", resumed");
				}
			}
			else {
				// No such proof on H2: right after the kill the heartbeat is fresh, and the lock still counts.
				if (heartbeatAgeMillis(jdbc) < 2000) {
					assertThatThrownBy(() -> new RepositoryLockDao(jdbc).acquire("shared", Duration.ofSeconds(3)))
						.isInstanceOf(RepositoryLock.RepositoryBusyException.class)
						.hasMessageContaining("is being indexed by another-machine pid " + killedPid + " since ");
				}
				await("the lock to go stale", WAIT, () -> heartbeatAgeMillis(jdbc) > 3500);
				try (ScheduleTestSupport.Child next = index(db, repo, Map.of("CHUNKER_INDEX_LOCK_TTL_SECONDS", "3"))) {
					assertThat(next.waitFor(WAIT)).as(next.output()).isZero();
					assertThat(next.output()).contains(", resumed");
				}
			}
			assertCompletedLikeACleanRun(db, repo);
		}
	}

	/** Starts a slow run, SIGKILLs it once it holds the lock and its run is STARTED; the pid it had. */
	private long killMidRun(ScheduleTestSupport.Db db, Path repo) throws Exception {
		JdbcTemplate jdbc = db.jdbc();
		Map<String, String> env = new java.util.HashMap<>(LONG_TTL);
		env.put("CHUNKER_FAULT_SLOW_MS", "2000");
		try (ScheduleTestSupport.Child killed = index(db, repo, env)) {
			await("the run to start", WAIT, () -> locks(jdbc) == 1 && runs(jdbc, "shared").stream()
				.anyMatch((run) -> "STARTED".equals(run.get("STATUS"))));
			killed.process.destroyForcibly();
			killed.waitFor(WAIT);
			assertThat(locks(jdbc)).as("the killed process's lock is left").isEqualTo(1);
			assertThat(runs(jdbc, "shared")).singleElement().satisfies((run) -> assertThat(run.get("STATUS")).isEqualTo("STARTED"));
			return killed.process.pid();
		}
	}

	/** One completed run, no lock left, the killed execution recovered, and the chunks of an uninterrupted run. */
	private void assertCompletedLikeACleanRun(ScheduleTestSupport.Db db, Path repo) throws Exception {
		JdbcTemplate jdbc = db.jdbc();
		assertThat(runs(jdbc, "shared")).singleElement().satisfies((run) -> assertThat(run.get("STATUS")).isEqualTo("COMPLETED"));
		assertThat(locks(jdbc)).isZero();
		assertThat(jdbc.queryForList("SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID", String.class))
			.containsExactly("FAILED", "COMPLETED");
		try (ScheduleTestSupport.Child clean = ScheduleTestSupport.Child.start(this.dir.resolve("work"),
				Map.of("CHUNKER_DB_USER", db.user()), "index", repo.toString(), "--repo", "clean", "--db", db.url(), "--threads", "1")) {
			assertThat(clean.waitFor(WAIT)).as(clean.output()).isZero();
		}
		assertThat(ScheduleTestSupport.chunkDigest(jdbc, "shared")).isEqualTo(ScheduleTestSupport.chunkDigest(jdbc, "clean"))
			.doesNotStartWith("0:");
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

	private static String holder(JdbcTemplate jdbc) {
		return "pid " + jdbc.queryForObject("SELECT holder_pid FROM repository_locks WHERE repo_name = 'shared'", Long.class);
	}

	private static int advisoryLocks(JdbcTemplate jdbc) {
		Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' "
				+ "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", Integer.class);
		return (count != null) ? count : 0;
	}

	private static long heartbeatAgeMillis(JdbcTemplate jdbc) {
		List<Timestamp> beats = jdbc.queryForList("SELECT heartbeat_at FROM repository_locks WHERE repo_name = 'shared'",
				Timestamp.class);
		Timestamp now = jdbc.queryForObject("SELECT CURRENT_TIMESTAMP", Timestamp.class);
		return beats.isEmpty() ? Long.MAX_VALUE : now.getTime() - beats.get(0).getTime();
	}

}
