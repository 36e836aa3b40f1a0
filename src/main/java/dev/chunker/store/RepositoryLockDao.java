package dev.chunker.store;

import java.time.Duration;

import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code repository_locks} table: where a process takes a {@link RepositoryLock}. */
public class RepositoryLockDao {

	private final JdbcTemplate jdbc;

	public RepositoryLockDao(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Takes the lock of a repository; closing it releases it.
	 * @param ttl how long a lock without heartbeat stays taken (its holder is then presumed dead)
	 * @throws RepositoryLock.RepositoryBusyException when a live process holds it
	 */
	public RepositoryLock acquire(String repoName, Duration ttl) {
		return RepositoryLock.acquire(this.jdbc, repoName, ttl);
	}

	/**
	 * Whether some process holds the lock of a repository: a lock row exists and does not name a process known gone
	 * from this machine (one left by a process that died elsewhere counts until its heartbeat expires).
	 */
	public boolean isHeld(String repoName) {
		return LockRow.find(this.jdbc, repoName).map((row) -> {
			LockHolder holder = row.holder();
			return holder == null || !LockHolder.isGone(holder);
		}).orElse(false);
	}

}
