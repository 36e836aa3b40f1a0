package dev.chunker.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Assigns the files that need work to partitions: contiguous runs of the path-sorted list, cut at equal shares of
 * their bytes (plus a fixed cost per file), so partitions are balanced and the same list always gives the same
 * plan. Files that need no work get {@link PlannedFile#NO_PARTITION}.
 */
public final class PartitionPlanner {

	/** The fixed cost of a file, in bytes of source: opening, hashing and writing it. */
	static final long PER_FILE_COST = 4096;

	private PartitionPlanner() {
	}

	public static List<PlannedFile> plan(List<ScannedFile> files, Predicate<ScannedFile> needsWork, int gridSize) {
		List<ScannedFile> work = new ArrayList<>();
		long total = 0;
		for (ScannedFile file : files) {
			if (needsWork.test(file)) {
				work.add(file);
				total += file.size() + PER_FILE_COST;
			}
		}
		int partitions = Math.max(1, Math.min(gridSize, work.size()));
		List<PlannedFile> entries = new ArrayList<>(files.size());
		long cumulative = 0;
		int partition = 0;
		int ordinal = 0;
		int idle = 0;
		for (ScannedFile file : files) {
			if (!needsWork.test(file)) {
				entries.add(new PlannedFile(PlannedFile.NO_PARTITION, idle++, file, false));
				continue;
			}
			long weight = file.size() + PER_FILE_COST;
			// Start the next partition once this one holds its share of the bytes.
			while (partition < partitions - 1 && cumulative >= (partition + 1) * (total / partitions) && ordinal > 0) {
				partition++;
				ordinal = 0;
			}
			entries.add(new PlannedFile(partition, ordinal++, file, true));
			cumulative += weight;
		}
		return entries;
	}

}
