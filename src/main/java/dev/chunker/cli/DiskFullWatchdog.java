package dev.chunker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import dev.chunker.job.DiskFull;
import dev.chunker.store.H2FileUrl;
import org.jspecify.annotations.Nullable;

/**
 * Ends an index command whose H2 file database sits on a full file system and has stopped moving. A write that fails
 * on a full disk normally fails the run within seconds, but H2's store can deadlock on the way (its background writer
 * and a committing thread each waiting for the other), and a nightly run must not hang until someone looks: after
 * {@link #STALL} with less than {@link #LOW_SPACE_BYTES} free and no file done, the command prints the full-disk
 * sentence and exits at once. Nothing is lost: the run is left STARTED at its last commit, and the next
 * {@code chunker index} resumes it (a dead process's run is taken over at once).
 */
final class DiskFullWatchdog implements AutoCloseable {

	/** How long a run on a full disk may go without finishing a file. */
	static final Duration STALL = Duration.ofSeconds(60);

	/** Below this much free space the file system counts as full (H2 grows its file by whole chunks). */
	static final long LOW_SPACE_BYTES = 1L << 20;

	private final LongSupplier usableSpace;

	private final Supplier<Object> progress;

	private final Duration stall;

	private final Runnable onStall;

	private final Thread thread;

	private volatile boolean running = true;

	DiskFullWatchdog(LongSupplier usableSpace, Supplier<Object> progress, Duration stall, Runnable onStall) {
		this.usableSpace = usableSpace;
		this.progress = progress;
		this.stall = stall;
		this.onStall = onStall;
		this.thread = Thread.ofPlatform().daemon().name("disk-full-watchdog").unstarted(this::watch);
	}

	/** A watchdog for the database at {@code url} when it is an H2 file, else nothing. */
	static AutoCloseable start(String url, Supplier<Object> progress, PrintWriter err) {
		Optional<Path> file = H2FileUrl.databaseFile(url);
		if (file.isEmpty()) {
			return () -> {
			};
		}
		Path directory = Objects.requireNonNullElse(file.get().toAbsolutePath().getParent(), Path.of("."));
		DiskFullWatchdog watchdog = new DiskFullWatchdog(() -> usableSpace(directory), progress, STALL, () -> {
			err.println("chunker: " + DiskFull.sentence(url));
			err.flush();
			// Not System.exit: the threads it would wait for are the deadlocked ones.
			Runtime.getRuntime().halt(ChunkerCommand.FAILED);
		});
		watchdog.thread.start();
		return watchdog;
	}

	/** Starts watching (for tests; {@link #start} starts its own). */
	DiskFullWatchdog begin() {
		this.thread.start();
		return this;
	}

	private void watch() {
		long pollMillis = Math.max(10, this.stall.toMillis() / 20);
		@Nullable Object last = null;
		long stalledSince = System.nanoTime();
		while (this.running) {
			Object now = this.progress.get();
			if (!now.equals(last) || this.usableSpace.getAsLong() >= LOW_SPACE_BYTES) {
				last = now;
				stalledSince = System.nanoTime();
			}
			else if (System.nanoTime() - stalledSince >= this.stall.toNanos()) {
				this.running = false;
				this.onStall.run();
				return;
			}
			try {
				Thread.sleep(pollMillis);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private static long usableSpace(Path directory) {
		try {
			return Files.getFileStore(directory).getUsableSpace();
		}
		catch (IOException ex) {
			// Not knowing is not full.
			return Long.MAX_VALUE;
		}
	}

	@Override
	public void close() {
		this.running = false;
		this.thread.interrupt();
	}

}
