package dev.chunker.pack;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What holds for the packed windows of every file: they tile the file (each starts where the one before ended, the
 * first at 0, the last at the end, so they concatenate to the file and no byte is in two), each window's content is
 * its bytes, its lines and sizes are right, its id follows the scheme, and only a window of a single line exceeds the
 * budget.
 */
final class PackedInvariants {

	private PackedInvariants() {
	}

	/** Asserts every invariant; returns the number of windows over the budget (single lines too long to split). */
	static int assertValid(byte[] bytes, PackedFile packed) {
		List<PackedWindow> windows = packed.windows();
		PackOptions options = packed.options();
		int[] nws = SizeMeasure.nonWhitespacePrefix(bytes);
		TokenCounter tokens = TokenCounter.of(options.encoding());
		ByteArrayOutputStream concatenated = new ByteArrayOutputStream(bytes.length);
		int expectedStart = 0;
		int over = 0;
		for (PackedWindow window : windows) {
			String where = packed.filePath() + " window " + window.windowIndex() + " [" + window.byteStart() + ","
					+ window.byteEnd() + ")";
			assertThat(window.windowIndex()).isEqualTo(windows.indexOf(window));
			assertThat(window.byteStart()).as("start of %s", where).isEqualTo(expectedStart);
			assertThat(window.byteEnd()).as("end of %s", where).isGreaterThan(window.byteStart());
			concatenated.write(bytes, window.byteStart(), window.byteEnd() - window.byteStart());
			String slice = new String(bytes, window.byteStart(), window.byteEnd() - window.byteStart(), StandardCharsets.UTF_8);
			assertThat(window.content()).as("content of %s", where).isEqualTo(slice);
			assertThat(window.startLine()).as("start line of %s", where).isEqualTo(line(bytes, window.byteStart()));
			assertThat(window.endLine()).as("end line of %s", where).isEqualTo(line(bytes, window.byteEnd() - 1));
			assertThat(window.nwsSize()).isEqualTo(nws[window.byteEnd()] - nws[window.byteStart()]);
			assertThat(window.tokenCount()).isEqualTo(tokens.count(slice));
			assertThat(window.windowId()).isEqualTo(FilePacker.windowId(options,
					dev.chunker.chunk.ChunkIds.contentHash(bytes, window.byteStart(), window.byteEnd())));
			assertThat(window.header()).startsWith("file: " + packed.filePath());
			int size = (options.unit() == BudgetUnit.TOKENS) ? window.tokenCount() : window.nwsSize();
			assertThat(window.overBudget()).as("over-budget flag of %s", where).isEqualTo(size > options.budget());
			if (window.overBudget()) {
				over++;
				// The one allowed excess: a single line, which packing cannot split further.
				assertThat(slice.strip()).as("%s is over budget (%d) but not one line", where, size).doesNotContain("\n");
			}
			expectedStart = window.byteEnd();
		}
		assertThat(expectedStart).as("the windows of %s end at the end of the file", packed.filePath()).isEqualTo(bytes.length);
		assertThat(concatenated.toByteArray()).as("the windows of %s concatenate to the file", packed.filePath())
			.isEqualTo(bytes);
		return over;
	}

	private static int line(byte[] bytes, int offset) {
		int line = 1;
		for (int i = 0; i < offset; i++) {
			if (bytes[i] == '\n') {
				line++;
			}
		}
		return line;
	}

}
