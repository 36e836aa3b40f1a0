package dev.chunker.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.chunker.job.IndexLauncher;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * On SIGTERM or Ctrl-C, stops the running index executions through the job operator so they end STOPPED (and are
 * resumed by the next run) instead of being left STARTED; waits a bounded time for the command to finish, then
 * lets the JVM exit. The stop is repeated until the command finishes, so an execution that was just starting is
 * caught too. Closing it (the command finished) closes the command's resources (its Spring context).
 */
final class GracefulShutdown implements AutoCloseable {

	/** How long a stop may take before the process exits anyway. */
	static final long STOP_TIMEOUT_SECONDS = 60;

	/** How long closing the resources (the pool, an H2 store) may take before the command ends without them. */
	static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

	private final AutoCloseable resources;

	private final CountDownLatch finished = new CountDownLatch(1);

	private final Thread hook;

	private final PrintWriter err;

	private GracefulShutdown(PrintWriter out, PrintWriter err, Runnable stop, AutoCloseable resources, long timeoutSeconds) {
		this.resources = resources;
		this.err = err;
		this.hook = new Thread(() -> {
			out.println();
			out.println("chunker: stopping (the run will be resumable)...");
			out.flush();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
			try {
				do {
					try {
						stop.run();
					}
					catch (RuntimeException ex) {
						// The database may be going away; the wait below is still bounded.
					}
				}
				while (!this.finished.await(250, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "chunker-shutdown");
	}

	/** For a command running index executions in the context. */
	static GracefulShutdown install(ConfigurableApplicationContext context, PrintWriter out, PrintWriter err) {
		return install(out, err, () -> context.getBean(IndexLauncher.class).stopCurrent(), context, STOP_TIMEOUT_SECONDS);
	}

	/** For a command whose {@code stop} action ends its work; {@code resources} are closed when it finishes. */
	static GracefulShutdown install(PrintWriter out, PrintWriter err, Runnable stop, AutoCloseable resources,
			long timeoutSeconds) {
		GracefulShutdown shutdown = new GracefulShutdown(out, err, stop, resources, timeoutSeconds);
		Runtime.getRuntime().addShutdownHook(shutdown.hook);
		return shutdown;
	}

	@Override
	public void close() throws Exception {
		try {
			closeWithin(this.resources, CLOSE_TIMEOUT, this.err);
		}
		finally {
			this.finished.countDown();
			try {
				Runtime.getRuntime().removeShutdownHook(this.hook);
			}
			catch (IllegalStateException ex) {
				// Shutting down already: the hook is running and waits for the latch just released.
			}
		}
	}

	/**
	 * Closes {@code resources} on a thread of their own, waiting at most {@code timeout}: an H2 store that met a
	 * full disk can deadlock in its own close (its writer thread and the closing thread each wait for the other), and
	 * the command must still end with its one line. Whatever the last commit wrote is on disk already.
	 */
	static void closeWithin(AutoCloseable resources, Duration timeout, PrintWriter err) throws Exception {
		AtomicReference<@Nullable Exception> failure = new AtomicReference<>();
		Thread closer = Thread.ofPlatform().daemon().name("chunker-close").start(() -> {
			try {
				resources.close();
			}
			catch (Exception ex) {
				failure.set(ex);
			}
		});
		if (!closer.join(timeout)) {
			err.println("warning: the database did not close within " + timeout.toSeconds()
					+ " s; the command ends without waiting for it (what was committed is kept)");
			err.flush();
			return;
		}
		Exception closing = failure.get();
		if (closing != null) {
			throw closing;
		}
	}

}
