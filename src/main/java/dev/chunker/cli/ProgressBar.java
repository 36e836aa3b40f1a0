package dev.chunker.cli;

import java.io.PrintStream;
import java.util.Locale;

import dev.chunker.job.IndexProgress;

/** A one-line progress bar on the terminal (files and MiB done, rate, ETA), redrawn four times a second. */
final class ProgressBar implements AutoCloseable {

	private static final int WIDTH = 30;

	private final IndexProgress progress;

	private final PrintStream out;

	private final Thread thread;

	private final long started = System.nanoTime();

	private volatile boolean running = true;

	ProgressBar(IndexProgress progress, PrintStream out) {
		this.progress = progress;
		this.out = out;
		this.thread = Thread.ofPlatform().daemon().name("progress").unstarted(this::loop);
	}

	/** A bar when standard error is a terminal, otherwise nothing. */
	static AutoCloseable startIfTerminal(IndexProgress progress) {
		if (System.console() == null || System.getenv("CHUNKER_NO_PROGRESS") != null) {
			return () -> {
			};
		}
		ProgressBar bar = new ProgressBar(progress, System.err);
		bar.thread.start();
		return bar;
	}

	private void loop() {
		while (this.running) {
			draw();
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private void draw() {
		IndexProgress.Snapshot s = this.progress.snapshot();
		if (s.totalFiles() == 0) {
			return;
		}
		double seconds = Math.max((System.nanoTime() - this.started) / 1e9, 0.001);
		double fraction = Math.min(1.0, (s.totalBytes() > 0) ? (double) s.bytes() / s.totalBytes() : (double) s.files() / s.totalFiles());
		int filled = (int) Math.round(fraction * WIDTH);
		double rate = s.bytes() / 1048576.0 / seconds;
		double eta = (fraction > 0) ? seconds * (1 - fraction) / fraction : 0;
		this.out.printf(Locale.ROOT, "\r[%s%s] %d/%d files  %.1f/%.1f MiB  %.1f MiB/s  ETA %ds%s ", "#".repeat(filled),
				".".repeat(WIDTH - filled), s.files(), s.totalFiles(), s.bytes() / 1048576.0, s.totalBytes() / 1048576.0,
				rate, Math.round(eta), (s.failed() > 0) ? "  " + s.failed() + " failed" : "");
		this.out.flush();
	}

	@Override
	public void close() {
		this.running = false;
		this.thread.interrupt();
		draw();
		this.out.println();
	}

}
