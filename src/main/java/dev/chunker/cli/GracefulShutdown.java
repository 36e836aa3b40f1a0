package dev.chunker.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.chunker.job.IndexLauncher;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * On SIGTERM or Ctrl-C, stops the running index execution through the job operator so it ends STOPPED (and is
 * resumed by the next run) instead of being left STARTED; waits a bounded time for the command to finish, then
 * lets the JVM exit. Closing it (the command finished) closes the Spring context.
 */
final class GracefulShutdown implements AutoCloseable {

	/** How long a stop may take before the process exits anyway. */
	static final long STOP_TIMEOUT_SECONDS = 60;

	private final ConfigurableApplicationContext context;

	private final CountDownLatch finished = new CountDownLatch(1);

	private final Thread hook;

	private GracefulShutdown(ConfigurableApplicationContext context, PrintWriter out) {
		this.context = context;
		this.hook = new Thread(() -> {
			out.println();
			out.println("chunker: stopping (the run will be resumable)...");
			out.flush();
			context.getBean(IndexLauncher.class).stopCurrent();
			try {
				this.finished.await(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "chunker-shutdown");
	}

	static GracefulShutdown install(ConfigurableApplicationContext context, PrintWriter out) {
		GracefulShutdown shutdown = new GracefulShutdown(context, out);
		Runtime.getRuntime().addShutdownHook(shutdown.hook);
		return shutdown;
	}

	@Override
	public void close() {
		try {
			this.context.close();
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

}
