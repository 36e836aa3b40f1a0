package dev.chunker.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** No source file of {@code src/main} grows past 300 lines: past that, a class holds more than one responsibility. */
class ClassSizeTest {

	private static final int MAX_LINES = 300;

	@Test
	void noProductionSourceFileIsOver300Lines() throws IOException {
		Path sources = Path.of("src/main/java");
		assertThat(sources).isDirectory();
		List<String> oversized;
		try (Stream<Path> files = Files.walk(sources)) {
			oversized = files.filter((file) -> file.toString().endsWith(".java"))
				.filter((file) -> lines(file) > MAX_LINES)
				.map((file) -> sources.relativize(file) + " (" + lines(file) + " lines)")
				.sorted()
				.toList();
		}
		assertThat(oversized).as("source files over %d lines; split them by responsibility", MAX_LINES).isEmpty();
	}

	private static long lines(Path file) {
		try (Stream<String> lines = Files.lines(file)) {
			return lines.count();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
