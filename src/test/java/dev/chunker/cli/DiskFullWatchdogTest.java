package dev.chunker.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watchdog of a run on a full disk fires only when both hold for the whole stall: the file system is full and no
 * file got done. (The full-disk run itself, in a child process on a real tmpfs, is {@code DiskFullTest}.)
 */
class DiskFullWatchdogTest {

	private static final Duration STALL = Duration.ofMillis(300);

	@Test
	void aFullDiskAndNoProgressEndTheCommandAfterTheStall() throws Exception {
		CountDownLatch fired = new CountDownLatch(1);
		long started = System.nanoTime();
		try (DiskFullWatchdog watchdog = new DiskFullWatchdog(() -> 0L, () -> "3 files", STALL, fired::countDown).begin()) {
			assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(STALL);
	}

	@Test
	void roomOnTheDiskOrFilesGettingDoneKeepItQuiet() throws Exception {
		CountDownLatch fired = new CountDownLatch(1);
		AtomicLong files = new AtomicLong();
		try (DiskFullWatchdog roomy = new DiskFullWatchdog(() -> 100L << 20, () -> "3 files", STALL, fired::countDown).begin();
				DiskFullWatchdog moving = new DiskFullWatchdog(() -> 0L, files::incrementAndGet, STALL, fired::countDown).begin()) {
			assertThat(fired.await(4 * STALL.toMillis(), TimeUnit.MILLISECONDS)).isFalse();
		}
	}

}
