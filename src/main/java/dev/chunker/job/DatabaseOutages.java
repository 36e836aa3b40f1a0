package dev.chunker.job;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * What a run does when its database goes away: tells a lost connection from other failures, and waits, up to
 * {@code database.outage_tolerance_s}, for the database to answer again.
 */
final class DatabaseOutages {

	/** Between two probes of a database that does not answer. */
	private static final Duration PROBE_PAUSE = Duration.ofMillis(500);

	private final DataSource dataSource;

	private final Duration tolerance;

	DatabaseOutages(DataSource dataSource, Duration tolerance) {
		this.dataSource = dataSource;
		this.tolerance = tolerance;
	}

	Duration tolerance() {
		return this.tolerance;
	}

	/** The failure of an execution that lost its database, or {@code null} when it ended for another reason. */
	static @Nullable Throwable connectionFailure(JobExecution execution) {
		List<Throwable> failures = execution.getAllFailureExceptions();
		// A full disk also leaves statuses unsaved, but a resumption would meet it again at once: not an outage.
		if (failures.stream().anyMatch(DiskFull::causedBy)) {
			return null;
		}
		for (Throwable failure : failures) {
			if (isConnectionFailure(failure)) {
				return failure;
			}
		}
		// UNKNOWN: a status could not be saved, which here means that the database went away.
		return (execution.getStatus() == BatchStatus.UNKNOWN && !failures.isEmpty()) ? failures.get(0) : null;
	}

	/**
	 * Whether a failure is the loss of the database connection (refused, reset, timed out, server shutting down or
	 * starting up), as opposed to a failure that the same statement would meet again.
	 */
	static boolean isConnectionFailure(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
			if (cause instanceof SQLTransientConnectionException || cause instanceof SQLRecoverableException
					|| cause instanceof java.net.ConnectException || cause instanceof java.net.SocketException
					|| cause instanceof CannotCreateTransactionException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				String state = sql.getSQLState();
				// 08: connection exception; 57P01..57P03: admin shutdown, crash shutdown, cannot connect now.
				if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
					return true;
				}
			}
			// Hikari's proxy of a connection it evicted as broken says only this.
			if (cause instanceof SQLException && "Connection is closed".equals(cause.getMessage())) {
				return true;
			}
			if (cause instanceof DataAccessResourceFailureException && cause.getCause() == null) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Waits until the database answers a connection's validity check, for at most the tolerance.
	 * @return whether it answered
	 */
	boolean awaitDatabase() throws InterruptedException {
		long deadline = System.nanoTime() + this.tolerance.toNanos();
		do {
			if (answers()) {
				return true;
			}
			Thread.sleep(PROBE_PAUSE);
		}
		while (System.nanoTime() < deadline);
		return answers();
	}

	private boolean answers() {
		try (Connection connection = this.dataSource.getConnection()) {
			return connection.isValid(2);
		}
		catch (SQLException ex) {
			return false;
		}
	}

}
