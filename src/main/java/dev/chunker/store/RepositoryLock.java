package dev.chunker.store;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A database lock per repository, so two processes (on any machines sharing the database) never index the same
 * repository at once. The holder refreshes a heartbeat; a lock whose heartbeat is older than the time-to-live was
 * left by a dead process and is taken over. Times are the database's, so clocks of the machines do not matter.
 */
public final class RepositoryLock implements AutoCloseable {

	private final JdbcTemplate jdbc;

	private final String repoName;

	private final String owner;

	private final ScheduledExecutorService heartbeat;

	private RepositoryLock(JdbcTemplate jdbc, String repoName, String owner, Duration ttl) {
		this.jdbc = jdbc;
		this.repoName = repoName;
		this.owner = owner;
		this.heartbeat = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("lock-heartbeat").factory());
		long period = Math.max(1, ttl.toMillis() / 3);
		this.heartbeat.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
	}

	/**
	 * Takes the lock of a repository (through {@link RepositoryLockDao#acquire}).
	 * @throws RepositoryBusyException when a live process holds it
	 */
	static RepositoryLock acquire(JdbcTemplate jdbc, String repoName, Duration ttl) {
		String owner = describeProcess();
		Timestamp now = now(jdbc);
		try {
			jdbc.update("INSERT INTO repository_locks (repo_name, owner, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?)",
					repoName, owner, now, now);
			return new RepositoryLock(jdbc, repoName, owner, ttl);
		}
		catch (DuplicateKeyException ex) {
			// Held, or left behind by a dead process: take it over only if its heartbeat is stale.
			Timestamp stale = new Timestamp(now.getTime() - ttl.toMillis());
			int taken = jdbc.update("UPDATE repository_locks SET owner = ?, acquired_at = ?, heartbeat_at = ? "
					+ "WHERE repo_name = ? AND heartbeat_at < ?", owner, now, now, repoName, stale);
			if (taken == 1) {
				return new RepositoryLock(jdbc, repoName, owner, ttl);
			}
			List<String> holders = jdbc.query("SELECT owner FROM repository_locks WHERE repo_name = ?", Rows.STRING,
					repoName);
			throw new RepositoryBusyException("repository '" + repoName + "' is being indexed by "
					+ (holders.isEmpty() ? "another process" : holders.get(0))
					+ "; one run per repository at a time (a lock left by a dead process expires after " + ttl.toSeconds()
					+ " s)");
		}
	}

	private static Timestamp now(JdbcTemplate jdbc) {
		Timestamp now = jdbc.queryForObject("SELECT CURRENT_TIMESTAMP", Timestamp.class);
		return (now != null) ? now : new Timestamp(System.currentTimeMillis());
	}

	private void beat() {
		try {
			this.jdbc.update("UPDATE repository_locks SET heartbeat_at = ? WHERE repo_name = ? AND owner = ?", now(this.jdbc),
					this.repoName, this.owner);
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
			this.jdbc.update("DELETE FROM repository_locks WHERE repo_name = ? AND owner = ?", this.repoName, this.owner);
		}
		catch (RuntimeException ex) {
			// The database is gone; the lock expires on its own.
		}
	}

	private static String describeProcess() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (Exception ex) {
			host = "unknown-host";
		}
		return host + " pid " + ManagementFactory.getRuntimeMXBean().getPid() + " (" + UUID.randomUUID().toString().substring(0, 8) + ")";
	}

	/** Another live process indexes the repository. */
	public static class RepositoryBusyException extends RuntimeException {

		public RepositoryBusyException(String message) {
			super(message);
		}

	}

}
