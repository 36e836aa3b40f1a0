package dev.chunker.pack;

import java.util.List;

/**
 * The packed view of one file.
 * @param filePath repository-relative path
 * @param language the language
 * @param sizeBytes the file's size
 * @param options how it was packed
 * @param windows the windows in order
 */
public record PackedFile(String filePath, String language, long sizeBytes, PackOptions options,
		List<PackedWindow> windows) {

	public PackedFile {
		windows = List.copyOf(windows);
	}

	/** Windows over the budget: each a single line that could not be split. */
	public long overBudget() {
		return this.windows.stream().filter(PackedWindow::overBudget).count();
	}

}
