package dev.chunker.store;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code remote_workers} table: one row per live worker process of remote partitioning, beaten on the database's
 * clock. "Live" is a heartbeat younger than the worker timeout; a row whose heartbeat is older belongs to a worker
 * that died (its row stays until {@link #forgetStale} or the worker's own exit removes it).
 */
public class WorkerDao {

	private final JdbcTemplate jdbc;

	public WorkerDao(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A worker row as {@code chunker workers} shows it. */
	public record Worker(String workerId, String host, long pid, int threads, String queue, OffsetDateTime startedAt,
			OffsetDateTime heartbeatAt, List<Long> partitions, long finished, boolean live) {
	}

	public void register(String workerId, String host, long pid, int threads, String queue) {
		this.jdbc.update("DELETE FROM remote_workers WHERE worker_id = ?", workerId);
		this.jdbc.update("INSERT INTO remote_workers (worker_id, host, pid, threads, queue, started_at, heartbeat_at, "
				+ "partitions, finished) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, '', 0)", workerId,
				host, pid, threads, queue);
	}

	/** Beats: the step executions the worker executes now and how many it has finished. */
	public void beat(String workerId, Collection<Long> partitions, long finished) {
		String ids = partitions.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
		this.jdbc.update("UPDATE remote_workers SET heartbeat_at = CURRENT_TIMESTAMP, partitions = ?, finished = ? "
				+ "WHERE worker_id = ?", ids, finished, workerId);
	}

	public void remove(String workerId) {
		this.jdbc.update("DELETE FROM remote_workers WHERE worker_id = ?", workerId);
	}

	/** Every worker row, live or not, oldest first. */
	public List<Worker> all(Duration timeout) {
		return this.jdbc.query("SELECT worker_id, host, pid, threads, queue, started_at, heartbeat_at, partitions, finished, "
				+ "CASE WHEN heartbeat_at > " + cutoff(timeout) + " THEN 1 ELSE 0 END AS live "
				+ "FROM remote_workers ORDER BY started_at, worker_id",
				(rs, i) -> new Worker(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getString(5),
						rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class), ids(rs.getString(8)),
						rs.getLong(9), rs.getInt(10) == 1));
	}

	/** How many workers beat on {@code queue} within {@code timeout}. */
	public int liveCount(String queue, Duration timeout) {
		Integer count = this.jdbc.queryForObject("SELECT COUNT(*) FROM remote_workers WHERE queue = ? AND heartbeat_at > "
				+ cutoff(timeout), Integer.class, queue);
		return (count != null) ? count : 0;
	}

	/** A worker that says it executes a partition: where it runs. */
	public record Holder(String workerId, String host, long pid) {
	}

	/** The workers other than {@code except} whose heartbeat is fresh and which say they execute {@code stepExecutionId}. */
	public List<Holder> liveHolders(long stepExecutionId, String except, Duration timeout) {
		return this.jdbc.query("SELECT worker_id, host, pid, partitions FROM remote_workers WHERE worker_id <> ? "
				+ "AND heartbeat_at > " + cutoff(timeout), (rs, i) -> ids(rs.getString(4)).contains(stepExecutionId)
						? new Holder(rs.getString(1), rs.getString(2), rs.getLong(3)) : null, except)
			.stream().filter(java.util.Objects::nonNull).toList();
	}

	/** Deletes the rows of workers that stopped beating ten timeouts ago: gone for good. */
	public int forgetStale(Duration timeout) {
		return this.jdbc.update("DELETE FROM remote_workers WHERE heartbeat_at < " + cutoff(timeout.multipliedBy(10)));
	}

	private static String cutoff(Duration timeout) {
		// An interval literal both databases read; the number comes from validated settings, never from input.
		return "CURRENT_TIMESTAMP - INTERVAL '" + Math.max(1, timeout.toSeconds()) + "' SECOND";
	}

	private static List<Long> ids(String text) {
		return text.isBlank() ? List.of() : Arrays.stream(text.split(",")).map(Long::valueOf).toList();
	}

}
