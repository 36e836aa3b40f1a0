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

	/** Whether some process holds (or a dead one left) the lock of a repository. */
	public boolean isHeld(String repoName) {
		Integer locks = this.jdbc.queryForObject("SELECT COUNT(*) FROM repository_locks WHERE repo_name = ?", Integer.class,
				repoName);
		return locks != null && locks > 0;
	}

}
