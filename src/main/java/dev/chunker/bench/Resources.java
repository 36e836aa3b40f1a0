package dev.chunker.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak heap and peak RSS, resettable between phases. The heap peak is the most heap in use seen by a sampler every
 * 10 ms (and at each reading): the per-pool peaks of the JVM are reached at different times, so their sum overstates
 * it, beyond even {@code -Xmx}.
 */
public final class Resources {

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	private static final AtomicLong PEAK_HEAP = new AtomicLong();

	private static volatile boolean watching;

	private static final Path STATUS = Path.of("/proc/self/status");

	private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

	private Resources() {
	}

	/** Starts the heap sampler (once per process). */
	public static synchronized void watch() {
		if (watching) {
			return;
		}
		watching = true;
		Thread sampler = Thread.ofPlatform().daemon().name("heap-peak-sampler").unstarted(() -> {
			while (true) {
				sampleHeap();
				try {
					Thread.sleep(10);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		sampler.start();
	}

	// Reading and storing under one lock: a reading taken before a reset cannot land after it.
	private static synchronized long sampleHeap() {
		long used = MEMORY.getHeapMemoryUsage().getUsed();
		return PEAK_HEAP.accumulateAndGet(used, Math::max);
	}

	public static void resetPeaks() {
		watch();
		System.gc();
		synchronized (Resources.class) {
			PEAK_HEAP.set(MEMORY.getHeapMemoryUsage().getUsed());
		}
		try {
			// "5" resets the kernel's peak RSS (VmHWM) of this process.
			Files.writeString(CLEAR_REFS, "5");
		}
		catch (IOException | RuntimeException ex) {
			// Not on Linux, or not allowed: the peak then covers the process's life.
		}
	}

	/** The most heap in use since the last reset (or since {@link #watch()}). */
	public static long peakHeapMiB() {
		return sampleHeap() / (1024 * 1024);
	}

	public static long peakRssMiB() {
		try {
			for (String line : Files.readAllLines(STATUS)) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Unknown.
		}
		return -1;
	}

}
