package dev.chunker.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * A row of {@code repository_locks} as another process finds it. The holder columns are null in rows written
 * before they existed (such a lock expires by its heartbeat only).
 */
record LockRow(String owner, Timestamp acquiredAt, Timestamp heartbeatAt, @Nullable String host, @Nullable Long pid,
		@Nullable Long startedMillis, @Nullable String machine, @Nullable Long startTicks, @Nullable String advisoryServer) {

	/** A lock row that vanished between two reads. */
	static final LockRow UNKNOWN = new LockRow("another process", new Timestamp(0), new Timestamp(0), null, null, null, null,
			null, null);

	private static final RowMapper<LockRow> MAPPER = LockRow::read;

	/** The lock row of a repository, if there is one. */
	static Optional<LockRow> find(JdbcTemplate jdbc, String repoName) {
		List<LockRow> rows = jdbc.query("SELECT owner, acquired_at, heartbeat_at, holder_host, holder_pid, holder_started_at, "
				+ "holder_machine, holder_start_ticks, advisory_server FROM repository_locks WHERE repo_name = ?", MAPPER, repoName);
		return rows.stream().findFirst();
	}

	private static LockRow read(ResultSet rs, int row) throws SQLException {
		return new LockRow(rs.getString(1), rs.getTimestamp(2), rs.getTimestamp(3), rs.getString(4), nullableLong(rs, 5),
				nullableLong(rs, 6), rs.getString(7), nullableLong(rs, 8), rs.getString(9));
	}

	private static @Nullable Long nullableLong(ResultSet rs, int column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	/** The holder the row names; null for a row written before the holder columns existed. */
	@Nullable LockHolder holder() {
		if (this.host == null || this.pid == null) {
			return null;
		}
		return new LockHolder(this.host, this.pid, (this.startedMillis != null) ? Instant.ofEpochMilli(this.startedMillis) : null,
				this.machine, this.startTicks);
	}

	/**
	 * Whether the holder is known dead: its heartbeat is older than the time-to-live; or it ran on this machine and
	 * its process is gone; or it held the advisory lock on this server run, which the caller now holds.
	 * @param advisoryServer the server start of the advisory lock the caller holds; null when it holds none
	 */
	boolean isDead(Timestamp now, Duration ttl, @Nullable String advisoryServer) {
		if (now.getTime() - this.heartbeatAt.getTime() > ttl.toMillis()) {
			return true;
		}
		LockHolder holder = holder();
		if (holder != null && LockHolder.isGone(holder)) {
			return true;
		}
		return advisoryServer != null && advisoryServer.equals(this.advisoryServer);
	}

}
