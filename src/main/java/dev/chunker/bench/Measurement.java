package dev.chunker.bench;

/**
 * One measured phase.
 * @param phase what was measured
 * @param threads worker threads
 * @param files files processed
 * @param bytes bytes processed
 * @param chunks chunks produced (0 where none are)
 * @param seconds wall time
 * @param peakHeapMiB peak heap during the phase
 * @param peakRssMiB peak resident set size during the phase (-1 where unknown)
 */
public record Measurement(String phase, int threads, long files, long bytes, long chunks, double seconds,
		long peakHeapMiB, long peakRssMiB) {

	public double mibPerSecond() {
		return this.bytes / 1048576.0 / this.seconds;
	}

	public double filesPerSecond() {
		return this.files / this.seconds;
	}

	public double chunksPerSecond() {
		return this.chunks / this.seconds;
	}

}
