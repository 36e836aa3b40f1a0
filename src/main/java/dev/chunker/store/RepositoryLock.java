package dev.chunker.store;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A database lock per repository, so two processes (on any machines sharing the database) never index the same
 * repository at once. The lock row names its holder (host, pid, start time: {@link LockHolder}), and the holder
 * refreshes a heartbeat. A lock is taken over when its holder is known dead: it ran on this machine and its process
 * is gone; or, on PostgreSQL, the session advisory lock the holder keeps is free on the same server run; or else,
 * from any machine, its heartbeat is older than the time-to-live. Times are the database's, so clocks of the
 * machines do not matter.
 */
public final class RepositoryLock implements AutoCloseable {

	private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final JdbcTemplate jdbc;

	private final String repoName;

	private final String owner;

	private final @Nullable AdvisoryLock advisory;

	private final ScheduledExecutorService heartbeat;

	private RepositoryLock(JdbcTemplate jdbc, String repoName, String owner, @Nullable AdvisoryLock advisory, Duration ttl) {
		this.jdbc = jdbc;
		this.repoName = repoName;
		this.owner = owner;
		this.advisory = advisory;
		this.heartbeat = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("lock-heartbeat").factory());
		long period = Math.max(1, ttl.toMillis() / 3);
		this.heartbeat.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
	}

	/**
	 * Takes the lock of a repository (through {@link RepositoryLockDao#acquire}).
	 * @throws RepositoryBusyException when a live process holds it
	 */
	static RepositoryLock acquire(JdbcTemplate jdbc, String repoName, Duration ttl) {
		AdvisoryLock advisory = AdvisoryLock.open(jdbc, repoName);
		try {
			return acquire(jdbc, repoName, ttl, advisory);
		}
		catch (RuntimeException ex) {
			if (advisory != null) {
				advisory.close();
			}
			throw ex;
		}
	}

	private static RepositoryLock acquire(JdbcTemplate jdbc, String repoName, Duration ttl, @Nullable AdvisoryLock advisory) {
		LockHolder self = LockHolder.current();
		String owner = self.host() + " pid " + self.pid() + " (" + UUID.randomUUID().toString().substring(0, 8) + ")";
		String server = (advisory != null) ? advisory.server() : null;
		for (int attempt = 0;; attempt++) {
			Timestamp now = now(jdbc);
			try {
				jdbc.update("INSERT INTO repository_locks (repo_name, owner, acquired_at, heartbeat_at, holder_host, holder_pid, "
						+ "holder_started_at, holder_machine, holder_start_ticks, advisory_server) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
						repoName, owner, now, now, self.host(), self.pid(), millis(self.started()), self.machine(),
						self.startTicks(), server);
				return new RepositoryLock(jdbc, repoName, owner, advisory, ttl);
			}
			catch (DuplicateKeyException ex) {
				Optional<LockRow> row = LockRow.find(jdbc, repoName);
				if (row.isEmpty() && attempt < 3) {
					continue; // released meanwhile
				}
				LockRow held = row.orElse(LockRow.UNKNOWN);
				if (row.isEmpty() || !held.isDead(now, ttl, server)) {
					throw new RepositoryBusyException(busy(repoName, held, now, ttl));
				}
				// Compare and set on the dead holder's owner: of two processes taking it over, one wins.
				int taken = jdbc.update("UPDATE repository_locks SET owner = ?, acquired_at = ?, heartbeat_at = ?, holder_host = ?, "
						+ "holder_pid = ?, holder_started_at = ?, holder_machine = ?, holder_start_ticks = ?, advisory_server = ? "
						+ "WHERE repo_name = ? AND owner = ?", owner, now, now, self.host(), self.pid(), millis(self.started()),
						self.machine(), self.startTicks(), server, repoName, held.owner());
				if (taken == 1) {
					return new RepositoryLock(jdbc, repoName, owner, advisory, ttl);
				}
				if (attempt >= 3) {
					throw new RepositoryBusyException(busy(repoName, held, now, ttl));
				}
			}
		}
	}

	private static String busy(String repoName, LockRow held, Timestamp now, Duration ttl) {
		String rule = "one run per repository at a time (a lock left by a process that died on another machine expires after "
				+ ttl.toSeconds() + " s without heartbeat)";
		if (held == LockRow.UNKNOWN) {
			return "repository '" + repoName + "' is being indexed by another process; " + rule;
		}
		String holder = (held.host() != null && held.pid() != null) ? held.host() + " pid " + held.pid() : held.owner();
		long beat = Math.max(0, (now.getTime() - held.heartbeatAt().getTime()) / 1000);
		return "repository '" + repoName + "' is being indexed by " + holder + " since "
				+ SINCE.format(LocalDateTime.ofInstant(held.acquiredAt().toInstant(), java.time.ZoneId.systemDefault()))
				+ " (heartbeat " + beat + " s ago); " + rule;
	}

	private static @Nullable Long millis(@Nullable Instant instant) {
		return (instant != null) ? instant.toEpochMilli() : null;
	}

	private static Timestamp now(JdbcTemplate jdbc) {
		Timestamp now = jdbc.queryForObject("SELECT CURRENT_TIMESTAMP", Timestamp.class);
		return (now != null) ? now : new Timestamp(System.currentTimeMillis());
	}

	private void beat() {
		try {
			// After a lost session (a server restart) the advisory lock is taken again; until then the row says none.
			String server = (this.advisory != null) ? this.advisory.refresh() : null;
			this.jdbc.update("UPDATE repository_locks SET heartbeat_at = ?, advisory_server = ? WHERE repo_name = ? AND owner = ?",
					now(this.jdbc), server, this.repoName, this.owner);
		}
		catch (RuntimeException ex) {
			// A missed beat is harmless unless the database stays away longer than the time-to-live.
		}
	}

	public String owner() {
		return this.owner;
	}

	@Override
	public void close() {
		this.heartbeat.shutdownNow();
		try {
			this.heartbeat.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try {
			this.jdbc.update("DELETE FROM repository_locks WHERE repo_name = ? AND owner = ?", this.repoName, this.owner);
		}
		catch (RuntimeException ex) {
			// The database is gone; the lock expires on its own.
		}
		finally {
			// The row first: a process that finds the advisory lock free must not find this row still naming it.
			if (this.advisory != null) {
				this.advisory.close();
			}
		}
	}

	/** Another live process indexes the repository. */
	public static class RepositoryBusyException extends RuntimeException {

		public RepositoryBusyException(String message) {
			super(message);
		}

	}

}
