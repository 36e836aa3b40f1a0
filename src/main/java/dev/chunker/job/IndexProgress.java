package dev.chunker.job;

import java.util.concurrent.atomic.AtomicLong;

/** Live counters of the running index job, for the terminal progress bar. Thread-safe. */
public class IndexProgress {

	private final AtomicLong totalFiles = new AtomicLong();

	private final AtomicLong totalBytes = new AtomicLong();

	private final AtomicLong doneFiles = new AtomicLong();

	private final AtomicLong doneBytes = new AtomicLong();

	private final AtomicLong failedFiles = new AtomicLong();

	void planned(long files, long bytes) {
		this.totalFiles.set(files);
		this.totalBytes.set(bytes);
		this.doneFiles.set(0);
		this.doneBytes.set(0);
	}

	void done(long bytes, boolean failed) {
		this.doneFiles.incrementAndGet();
		this.doneBytes.addAndGet(bytes);
		if (failed) {
			this.failedFiles.incrementAndGet();
		}
	}

	public Snapshot snapshot() {
		return new Snapshot(this.doneFiles.get(), this.totalFiles.get(), this.doneBytes.get(), this.totalBytes.get(),
				this.failedFiles.get());
	}

	/**
	 * Counters at one moment.
	 * @param files files processed (this execution)
	 * @param totalFiles files to process
	 * @param bytes bytes processed
	 * @param totalBytes bytes to process
	 * @param failed files that could not be chunked
	 */
	public record Snapshot(long files, long totalFiles, long bytes, long totalBytes, long failed) {
	}

}
