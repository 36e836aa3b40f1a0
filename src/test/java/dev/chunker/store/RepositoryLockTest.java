package dev.chunker.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Whom a repository lock is taken from, decided on real lock rows (an H2 file, and a PostgreSQL database for the
 * advisory lock) naming real processes of this machine: a gone pid, a pid reused by another process, a live holder,
 * a holder on another machine, a row of before the holder columns.
 */
class RepositoryLockTest {

	private static final Duration LONG_TTL = Duration.ofHours(1);

	@TempDir
	Path dir;

	private @Nullable Process sleeper;

	private @Nullable String pgDatabase;

	@AfterEach
	void cleanUp() throws Exception {
		if (this.sleeper != null) {
			this.sleeper.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		if (this.pgDatabase != null) {
			try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
					Statement statement = admin.createStatement()) {
				statement.execute("DROP DATABASE IF EXISTS " + this.pgDatabase + " WITH (FORCE)");
			}
		}
	}

	@Test
	void aLockOfAPidThatNoLongerExistsOnThisMachineIsTakenOverAtOnce() throws Exception {
		JdbcTemplate jdbc = h2();
		Process gone = new ProcessBuilder("true").start();
		gone.waitFor();
		LockHolder self = LockHolder.current();
		insert(jdbc, new LockHolder(self.host(), gone.pid(), Instant.now(), self.machine(), 12345L), null);
		assertThat(ProcessHandle.of(gone.pid())).isEmpty();
		// What `chunker jobs` asks: no live process holds it (its run was interrupted, not running).
		assertThat(new RepositoryLockDao(jdbc).isHeld("repo")).isFalse();
		try (RepositoryLock lock = new RepositoryLockDao(jdbc).acquire("repo", LONG_TTL)) {
			assertThat(holderPid(jdbc)).isEqualTo(ProcessHandle.current().pid());
			assertThat(lock.owner()).contains("pid " + ProcessHandle.current().pid());
		}
		assertThat(new RepositoryLockDao(jdbc).isHeld("repo")).isFalse();
	}

	@Test
	void aLockNamingOurLivePidWithAnotherStartTimeWasLeftByAnEarlierProcessOfThatPid() throws Exception {
		JdbcTemplate jdbc = h2();
		LockHolder self = LockHolder.current();
		assertThat(self.started()).isNotNull();
		Long ticks = (self.startTicks() != null) ? self.startTicks() - 100_000 : null;
		insert(jdbc, new LockHolder(self.host(), self.pid(), self.started().minus(Duration.ofHours(3)), self.machine(), ticks), null);
		try (RepositoryLock lock = new RepositoryLockDao(jdbc).acquire("repo", LONG_TTL)) {
			assertThat(startedMillis(jdbc)).isEqualTo(self.started().toEpochMilli());
		}
	}

	@Test
	void aLockOfALiveProcessWithItsStartTimeIsRefusedNamingHostPidAndSince() throws Exception {
		JdbcTemplate jdbc = h2();
		this.sleeper = new ProcessBuilder("sleep", "120").start();
		LockHolder live = LockHolder.of(this.sleeper.toHandle());
		insert(jdbc, live, null);
		assertThat(new RepositoryLockDao(jdbc).isHeld("repo")).isTrue();
		assertThatThrownBy(() -> new RepositoryLockDao(jdbc).acquire("repo", LONG_TTL))
			.isInstanceOf(RepositoryLock.RepositoryBusyException.class)
			.hasMessageStartingWith("repository 'repo' is being indexed by " + live.host() + " pid " + this.sleeper.pid() + " since ")
			.hasMessageContaining("one run per repository at a time")
			.message().doesNotContain("\n");
		assertThat(holderPid(jdbc)).isEqualTo(this.sleeper.pid());

		// And so is this process's own lock, taken a second time.
		jdbc.update("DELETE FROM repository_locks");
		try (RepositoryLock lock = new RepositoryLockDao(jdbc).acquire("repo", LONG_TTL)) {
			assertThatThrownBy(() -> new RepositoryLockDao(jdbc).acquire("repo", LONG_TTL))
				.isInstanceOf(RepositoryLock.RepositoryBusyException.class)
				.hasMessageContaining(" pid " + ProcessHandle.current().pid() + " since ");
		}
	}

	@Test
	void aHolderOnAnotherMachineKeepsItsLockUntilItsHeartbeatIsStale() throws Exception {
		JdbcTemplate jdbc = h2();
		Process gone = new ProcessBuilder("true").start();
		gone.waitFor();
		LockHolder self = LockHolder.current();
		// The same pid means nothing on another machine, nor in another pid namespace of this one.
		insert(jdbc, new LockHolder("another-machine", gone.pid(), Instant.now(), self.machine(), 1L), null);
		assertThatThrownBy(() -> new RepositoryLockDao(jdbc).acquire("repo", LONG_TTL))
			.isInstanceOf(RepositoryLock.RepositoryBusyException.class)
			.hasMessageContaining("another-machine pid " + gone.pid());
		jdbc.update("UPDATE repository_locks SET holder_host = ?, holder_machine = 'other-boot pid:[1]'", self.host());
		assertThatThrownBy(() -> new RepositoryLockDao(jdbc).acquire("repo", LONG_TTL))
			.isInstanceOf(RepositoryLock.RepositoryBusyException.class);
		// Once its heartbeat is older than the time-to-live, it is taken over as before.
		jdbc.update("UPDATE repository_locks SET heartbeat_at = DATEADD('SECOND', -10, heartbeat_at)");
		try (RepositoryLock lock = new RepositoryLockDao(jdbc).acquire("repo", Duration.ofSeconds(5))) {
			assertThat(holderPid(jdbc)).isEqualTo(self.pid());
		}
	}

	@Test
	void aRowWithoutHolderColumnsFallsBackToTheHeartbeat() throws Exception {
		JdbcTemplate jdbc = h2();
		jdbc.update("INSERT INTO repository_locks (repo_name, owner, acquired_at, heartbeat_at) "
				+ "VALUES ('repo', 'old-host pid 42 (abcdef01)', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
		assertThatThrownBy(() -> new RepositoryLockDao(jdbc).acquire("repo", Duration.ofSeconds(5)))
			.isInstanceOf(RepositoryLock.RepositoryBusyException.class)
			.hasMessageContaining("being indexed by old-host pid 42 (abcdef01) since ");
		jdbc.update("UPDATE repository_locks SET heartbeat_at = DATEADD('SECOND', -10, heartbeat_at)");
		try (RepositoryLock lock = new RepositoryLockDao(jdbc).acquire("repo", Duration.ofSeconds(5))) {
			assertThat(holderPid(jdbc)).isEqualTo(ProcessHandle.current().pid());
		}
	}

	@Test
	void onPostgresqlAFreeAdvisoryLockShowsAHolderOnAnotherMachineDead() throws Exception {
		JdbcTemplate jdbc = postgres();
		String url = "jdbc:postgresql://127.0.0.1:5432/" + this.pgDatabase;
		long key = AdvisoryLock.key("repo");
		String server = jdbc.queryForObject("SELECT CAST(pg_postmaster_start_time() AS VARCHAR)", String.class);
		LockHolder remote = new LockHolder("another-machine", 4242, Instant.now(), "another-boot pid:[1]", 7L);
		// The holder's session is alive (here: a connection of this test holding the advisory lock): refused.
		try (Connection holderSession = DriverManager.getConnection(url, "postgres", "")) {
			assertThat(tryAdvisoryLock(holderSession, key)).isTrue();
			insert(jdbc, remote, server);
			assertThatThrownBy(() -> new RepositoryLockDao(jdbc).acquire("repo", LONG_TTL))
				.isInstanceOf(RepositoryLock.RepositoryBusyException.class)
				.hasMessageContaining("another-machine pid 4242 since ");
		}
		// The session ended (its process died): taken over at once, and the advisory lock is now ours until close.
		try (RepositoryLock lock = new RepositoryLockDao(jdbc).acquire("repo", LONG_TTL)) {
			assertThat(holderPid(jdbc)).isEqualTo(ProcessHandle.current().pid());
			assertThat(jdbc.queryForObject("SELECT advisory_server FROM repository_locks", String.class)).isEqualTo(server);
			try (Connection other = DriverManager.getConnection(url, "postgres", "")) {
				assertThat(tryAdvisoryLock(other, key)).isFalse();
			}
		}
		try (Connection other = DriverManager.getConnection(url, "postgres", "")) {
			assertThat(tryAdvisoryLock(other, key)).as("released on close").isTrue();
		}

		// A free advisory lock recorded on an earlier server run proves nothing: that holder's heartbeat counts.
		jdbc.update("DELETE FROM repository_locks");
		insert(jdbc, remote, "2000-01-01 00:00:00+00");
		assertThatThrownBy(() -> new RepositoryLockDao(jdbc).acquire("repo", LONG_TTL))
			.isInstanceOf(RepositoryLock.RepositoryBusyException.class);
	}

	@Test
	void theAdvisoryKeyIsStablePerRepositoryName() {
		assertThat(AdvisoryLock.key("repo")).isEqualTo(AdvisoryLock.key("repo")).isNotEqualTo(AdvisoryLock.key("repo2"));
		// Pinned: processes of two versions must contend for the same advisory lock.
		assertThat(AdvisoryLock.key("shared")).isEqualTo(0x609dd2875d490bf3L);
	}

	private static boolean tryAdvisoryLock(Connection connection, long key) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
			statement.setLong(1, key);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getBoolean(1);
			}
		}
	}

	private static void insert(JdbcTemplate jdbc, LockHolder holder, @Nullable String advisoryServer) {
		jdbc.update("INSERT INTO repository_locks (repo_name, owner, acquired_at, heartbeat_at, holder_host, holder_pid, "
				+ "holder_started_at, holder_machine, holder_start_ticks, advisory_server) "
				+ "VALUES ('repo', ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, ?, ?, ?, ?, ?, ?)",
				holder.host() + " pid " + holder.pid() + " (test)", holder.host(), holder.pid(),
				(holder.started() != null) ? holder.started().toEpochMilli() : null, holder.machine(), holder.startTicks(),
				advisoryServer);
	}

	private static @Nullable Long holderPid(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT holder_pid FROM repository_locks WHERE repo_name = 'repo'", Long.class);
	}

	private static @Nullable Long startedMillis(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT holder_started_at FROM repository_locks WHERE repo_name = 'repo'", Long.class);
	}

	private JdbcTemplate h2() {
		return migrated("jdbc:h2:file:" + this.dir.resolve("locks").toAbsolutePath(), "sa", "h2");
	}

	private JdbcTemplate postgres() throws SQLException {
		this.pgDatabase = "chunker_lock_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
		try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
				Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + this.pgDatabase);
		}
		return migrated("jdbc:postgresql://127.0.0.1:5432/" + this.pgDatabase, "postgres", "postgresql");
	}

	private static JdbcTemplate migrated(String url, String user, String vendor) {
		Flyway.configure()
			.dataSource(url, user, "")
			.locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
			.load()
			.migrate();
		return new JdbcTemplate(new DriverManagerDataSource(url, user, ""));
	}

}
