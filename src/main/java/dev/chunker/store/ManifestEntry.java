package dev.chunker.store;

import org.jspecify.annotations.Nullable;

/**
 * One file of a run's manifest, with what the scan knew of its stored row, so a partition needs no lookup per file.
 * @param partition the partition that processes it
 * @param ordinal its position in the partition (path order)
 * @param path repository-relative path
 * @param language detected language
 * @param size size at scan time
 * @param mtimeMillis modification time at scan time
 * @param needsWork false when size and mtime match the stored file, so its content is not even read
 * @param wasStored whether a file row existed at scan time
 * @param reusableHash the stored content hash when the stored row is indexed under the current rules (equal content
 * then means nothing to re-chunk), else null
 */
public record ManifestEntry(int partition, int ordinal, String path, String language, long size, long mtimeMillis,
		boolean needsWork, boolean wasStored, @Nullable String reusableHash) {

	/** What chunking the file does to its row: {@link FileChange#CHANGED} if one existed, else {@link FileChange#NEW}. */
	public FileChange changeIfChunked() {
		return this.wasStored ? FileChange.CHANGED : FileChange.NEW;
	}

}
