package dev.chunker.cli;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The peak heap of {@code chunker index} comes from the collectors' own readings, without a sampling thread. */
class HeapPeakTest {

	@Test
	void garbageCollectedBeforeTheEndStillCountsInThePeak() throws Exception {
		// Start from the live set: garbage left by earlier tests in this JVM would otherwise be the peak already.
		System.gc();
		try (HeapPeak heap = HeapPeak.start()) {
			long before = heap.peakMiB();
			List<byte[]> garbage = new ArrayList<>();
			for (int i = 0; i < 96; i++) {
				garbage.add(new byte[1024 * 1024]);
			}
			assertThat(garbage).hasSize(96);
			garbage = null;
			System.gc();
			// The notification of the collection arrives on a JMX thread, shortly after it.
			long deadline = System.nanoTime() + 5_000_000_000L;
			while (heap.peakMiB() < before + 64 && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(heap.peakMiB()).isGreaterThanOrEqualTo(before + 64);
			assertThat(Thread.getAllStackTraces().keySet()).noneMatch((thread) -> thread.getName().equals("heap-peak-sampler"));
		}
	}

}
