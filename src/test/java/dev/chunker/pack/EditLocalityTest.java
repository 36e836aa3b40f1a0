package dev.chunker.pack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stable windows: a single-method edit on {@code java.util} changes fewer window ids with packing restarted at
 * definitions than with the plain one-pass packing. The default run makes 20 edits; the documented 200-edit
 * measurement ({@code docs/packed-view.md}) runs on request: {@code -Dgroups=measure -Dchunker.excluded.groups=}.
 */
class EditLocalityTest {

	static final long SEED = 14;

	private static ChunkerRuntime runtime;

	private static FilePacker packer;

	private static Map<String, byte[]> files;

	@BeforeAll
	static void start() throws IOException {
		runtime = ChunkerSettings.defaults().newUncachedChunkerRuntime();
		packer = new FilePacker(runtime.chunker(), Long.MAX_VALUE);
		files = JdkSources.javaUtil();
	}

	@AfterAll
	static void stop() {
		runtime.close();
	}

	@Test
	void anchoredPackingChangesFewerIdsThanPlainPacking() {
		Map<PackOptions.Mode, EditLocality.Figures> figures = EditLocality.measure(runtime.chunker(), packer, files, 20, SEED);
		report(figures, 20);
		EditLocality.Figures anchored = figures.get(PackOptions.Mode.ANCHORED);
		EditLocality.Figures plain = figures.get(PackOptions.Mode.PLAIN);
		assertThat(anchored.total()).as("anchored %s; plain %s", anchored, plain).isLessThan(plain.total());
		// Every edit changes at least the window it is in.
		assertThat(anchored.changed).allSatisfy((changed) -> assertThat(changed).isPositive());
	}

	@Test
	@Tag("measure")
	void twoHundredEdits() throws IOException {
		Map<PackOptions.Mode, EditLocality.Figures> figures = EditLocality.measure(runtime.chunker(), packer, files, 200, SEED);
		String text = report(figures, 200) + throughput();
		Files.writeString(Path.of("target", "packed-edit-locality.txt"), text);
		assertThat(figures.get(PackOptions.Mode.ANCHORED).total()).isLessThan(figures.get(PackOptions.Mode.PLAIN).total());
	}

	/** One-thread packing throughput on java.util (parse included), best of three rounds, per mode. */
	private static String throughput() {
		StringBuilder text = new StringBuilder();
		long bytes = files.values().stream().mapToLong((b) -> b.length).sum();
		for (PackOptions.Mode mode : PackOptions.Mode.values()) {
			long best = Long.MAX_VALUE;
			long windows = 0;
			for (int round = 0; round < 3; round++) {
				long start = System.nanoTime();
				windows = 0;
				for (Map.Entry<String, byte[]> file : files.entrySet()) {
					windows += packer.pack(file.getValue(), file.getKey(), null, PackOptions.defaults().withMode(mode))
						.windows().size();
				}
				best = Math.min(best, System.nanoTime() - start);
			}
			text.append(String.format("%s: %d windows over %d bytes, %.0f ms, %.1f MB/s%n", mode, windows, bytes,
					best / 1e6, bytes / (best / 1e9) / 1e6));
		}
		System.out.print(text);
		return text.toString();
	}

	private static String report(Map<PackOptions.Mode, EditLocality.Figures> figures, int edits) {
		String text = String.format("%d single-method edits on java.util (%d files, seed %d, budget %d nws_chars)%n"
				+ "anchored: %s%nplain:    %s%n", edits, files.size(), SEED, PackOptions.DEFAULT_NWS_BUDGET,
				figures.get(PackOptions.Mode.ANCHORED), figures.get(PackOptions.Mode.PLAIN));
		System.out.print(text);
		return text;
	}

}
