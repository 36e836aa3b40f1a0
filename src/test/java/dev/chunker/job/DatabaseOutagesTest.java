package dev.chunker.job;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import dev.chunker.chunk.ChunkingException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.UncategorizedSQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which failures count as a lost database (the run waits and resumes) and which do not (the run fails as it would
 * have): each branch of the classification, including the ones the outage test's driver does not happen to raise.
 */
class DatabaseOutagesTest {

	@Test
	void connectionLossesAreRecognisedThroughTheirWrappers() {
		assertThat(DatabaseOutages.isConnectionFailure(new SQLException("gone", "08006"))).isTrue();
		assertThat(DatabaseOutages.isConnectionFailure(new SQLException("terminating connection", "57P01"))).isTrue();
		assertThat(DatabaseOutages.isConnectionFailure(new SQLException("crash shutdown", "57P02"))).isTrue();
		assertThat(DatabaseOutages.isConnectionFailure(new SQLException("starting up", "57P03"))).isTrue();
		assertThat(DatabaseOutages.isConnectionFailure(new SQLException("Connection is closed"))).isTrue();
		assertThat(DatabaseOutages.isConnectionFailure(new SQLTransientConnectionException("pool timed out"))).isTrue();
		assertThat(DatabaseOutages.isConnectionFailure(new DataAccessResourceFailureException("no connection"))).isTrue();
		assertThat(DatabaseOutages.isConnectionFailure(new UncategorizedSQLException("insert", "INSERT",
				new SQLException("wrapped", "08001", new ConnectException("Connection refused"))))).isTrue();
	}

	@Test
	void failuresTheSameStatementWouldMeetAgainAreNot() {
		assertThat(DatabaseOutages.isConnectionFailure(new SQLException("duplicate key", "23505"))).isFalse();
		assertThat(DatabaseOutages.isConnectionFailure(new DuplicateKeyException("duplicate key"))).isFalse();
		assertThat(DatabaseOutages.isConnectionFailure(new SQLException("no state"))).isFalse();
		assertThat(DatabaseOutages.isConnectionFailure(new IllegalStateException("bug", new IOException("disk")))).isFalse();
		assertThat(DatabaseOutages.isConnectionFailure(
				new DataAccessResourceFailureException("closed", new SQLException("database closed", "90098")))).isFalse();
	}

	@Test
	void aDatabaseErrorWhileChunkingAFileIsNotTheFilesFailure() {
		// Recorded as the file's failure, it would mark a good file failed and hide the outage from the launcher.
		assertThatThrownBy(() -> FileFailures.failed("a.py", "python", 10, 0, "r1",
				new DataAccessResourceFailureException("database gone")))
			.isInstanceOf(DataAccessResourceFailureException.class);
		assertThat(FileFailures.failed("a.py", "python", 10, 0, "r1", new IllegalStateException("bug")).reason())
			.isEqualTo(ChunkingException.Reason.EXTRACTION_FAILED);
		assertThat(FileFailures.failed("a.py", "python", 10, 0, "r1",
				new ChunkingException(ChunkingException.Reason.BINARY, "binary")).reason())
			.isEqualTo(ChunkingException.Reason.BINARY);
	}

}
