package dev.chunker.scan;

/**
 * A scanned file with its place in the run's plan.
 * @param partition the partition that processes it, or -1 when it needs no work
 * @param ordinal its position in the partition (path order); files needing no work are numbered among themselves
 * @param file the file
 * @param needsWork whether its content must be read (false when size and mtime match what is stored)
 */
public record PlannedFile(int partition, int ordinal, ScannedFile file, boolean needsWork) {

	public String path() {
		return this.file.path();
	}

}
