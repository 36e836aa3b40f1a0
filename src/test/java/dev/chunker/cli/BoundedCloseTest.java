package dev.chunker.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A command's resources are closed within a bound: a close that never returns (an H2 store deadlocked after a full
 * disk) ends in one warning, a close that fails passes its failure on, and a quick close says nothing.
 */
class BoundedCloseTest {

	@Test
	void aCloseThatNeverReturnsEndsInOneWarningAfterTheBound() throws Exception {
		CountDownLatch never = new CountDownLatch(1);
		StringWriter err = new StringWriter();
		long started = System.nanoTime();
		GracefulShutdown.closeWithin(never::await, Duration.ofMillis(300), new PrintWriter(err, true));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(err.toString().lines().toList()).singleElement()
			.asString()
			.startsWith("warning: the database did not close within 0 s");
		never.countDown();
	}

	@Test
	void aFailedCloseIsPassedOnAndAQuickOneSaysNothing() throws Exception {
		StringWriter err = new StringWriter();
		assertThatThrownBy(() -> GracefulShutdown.closeWithin(() -> {
			throw new IllegalStateException("pool refused to close");
		}, Duration.ofSeconds(5), new PrintWriter(err, true))).hasMessage("pool refused to close");
		boolean[] closed = { false };
		GracefulShutdown.closeWithin(() -> closed[0] = true, Duration.ofSeconds(5), new PrintWriter(err, true));
		assertThat(closed[0]).isTrue();
		assertThat(err.toString()).isEmpty();
	}

}
