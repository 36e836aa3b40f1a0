package dev.chunker.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A PostgreSQL session advisory lock per repository ({@code pg_try_advisory_lock(bigint)}, keyed by a hash of the
 * name), held on a connection of its own for as long as the repository lock is held. The server releases it when
 * that session ends, however its process died, so a free advisory lock shows that a lock row's holder is gone: as
 * long as the server has not restarted since the holder took it, which is why the server's start time goes with it.
 */
final class AdvisoryLock implements AutoCloseable {

	private final DataSource dataSource;

	private final long key;

	private @Nullable Connection connection;

	/** The server's start time while the lock is held; null while not. */
	private @Nullable String server;

	private boolean closed;

	private AdvisoryLock(DataSource dataSource, long key) {
		this.dataSource = dataSource;
		this.key = key;
	}

	/**
	 * Tries to take the advisory lock of a repository.
	 * @return the lock (held or not, see {@link #server()}), or null when the database is not PostgreSQL
	 */
	static @Nullable AdvisoryLock open(JdbcTemplate jdbc, String repoName) {
		DataSource dataSource = jdbc.getDataSource();
		String product = jdbc.execute((ConnectionCallback<String>) (c) -> c.getMetaData().getDatabaseProductName());
		if (dataSource == null || !"PostgreSQL".equals(product)) {
			return null;
		}
		AdvisoryLock lock = new AdvisoryLock(dataSource, key(repoName));
		try {
			lock.take();
		}
		catch (SQLException ex) {
			lock.close();
			throw new DataAccessResourceFailureException("cannot take the advisory lock of repository '" + repoName + "'", ex);
		}
		return lock;
	}

	/** The start time of the server on which the lock is held; null when another session holds it. */
	synchronized @Nullable String server() {
		return this.server;
	}

	/**
	 * Takes the lock again if its session was lost (the server restarted) or another session held it before.
	 * @return the server's start time while held, else null
	 */
	synchronized @Nullable String refresh() {
		if (this.closed) {
			return null;
		}
		try {
			if (this.connection != null && this.connection.isValid(5)) {
				return this.server;
			}
			closeConnection();
			take();
		}
		catch (SQLException | DataAccessException ex) {
			closeConnection();
		}
		return this.server;
	}

	private void take() throws SQLException {
		Connection c = this.dataSource.getConnection();
		boolean held = false;
		try (PreparedStatement statement = c.prepareStatement(
				"SELECT pg_try_advisory_lock(?), CAST(pg_postmaster_start_time() AS VARCHAR)")) {
			statement.setLong(1, this.key);
			try (ResultSet rs = statement.executeQuery()) {
				if (rs.next() && rs.getBoolean(1)) {
					held = true;
					this.connection = c;
					this.server = rs.getString(2);
				}
			}
		}
		finally {
			if (!held) {
				c.close();
			}
		}
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.connection != null) {
			// A pooled connection outlives this lock: give the session lock back before the connection.
			try (PreparedStatement statement = this.connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
				statement.setLong(1, this.key);
				statement.execute();
			}
			catch (SQLException ex) {
				// The session is gone, and with it the lock.
			}
		}
		closeConnection();
	}

	private void closeConnection() {
		Connection c = this.connection;
		this.connection = null;
		this.server = null;
		if (c != null) {
			try {
				c.close();
			}
			catch (SQLException ex) {
				// Closed already.
			}
		}
	}

	/** A stable 64-bit key per repository name: the first eight bytes of a SHA-256. */
	static long key(String repoName) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest(("chunker repository lock\0" + repoName).getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.wrap(hash).getLong();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
