package dev.chunker.scan;

/**
 * A scanned file with its place in the run's plan.
 * @param partition the partition that processes it, or {@link #NO_PARTITION} when it needs no work
 * @param ordinal its position in the partition (path order); files needing no work are numbered among themselves
 * @param file the file
 * @param needsWork whether its content must be read (false when size and mtime match what is stored)
 */
public record PlannedFile(int partition, int ordinal, ScannedFile file, boolean needsWork) {

	/**
	 * The partition number of files that need no work: no worker step reads them (partitions are listed from the
	 * rows that need work), and {@code file_manifest.partition_no} has stored it as -1 since the first release.
	 */
	public static final int NO_PARTITION = -1;

	public String path() {
		return this.file.path();
	}

}
