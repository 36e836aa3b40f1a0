package dev.chunker.pack;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PackingStepsTest {

	private static ChunkerRuntime runtime;

	private static FilePacker packer;

	@BeforeAll
	static void start() {
		runtime = ChunkerSettings.defaults().newUncachedChunkerRuntime();
		packer = new FilePacker(runtime.chunker(), Long.MAX_VALUE);
	}

	@AfterAll
	static void stop() {
		runtime.close();
	}

	static final String SAMPLE = """
			package demo;

			import java.util.List;

			/** A counter. */
			public class Counter {

			    private int count;

			    /** Adds one. */
			    public void increment() {
			        count++;
			    }

			    /**
			     * Adds many, one at a time, so that listeners
			     * see every step.
			     */
			    @Deprecated
			    public void addAll(List<Integer> values) {
			        for (int value : values) {
			            count += value;
			        }
			        System.out.println("added " + values.size() + " values to the counter now");
			    }

			    public int get() { return count; }
			}
			""";

	@Test
	void explore() {
		for (int budget : List.of(40, 80, 150)) {
			for (PackOptions.Mode mode : PackOptions.Mode.values()) {
				PackedFile packed = packer.pack(SAMPLE.getBytes(StandardCharsets.UTF_8), "demo/Counter.java", null,
						new PackOptions(budget, BudgetUnit.NWS_CHARS, "cl100k_base", mode));
				System.out.println("=== budget " + budget + " " + mode);
				for (PackedWindow w : packed.windows()) {
					System.out.println("--- " + w.windowIndex() + " [" + w.byteStart() + "," + w.byteEnd() + ") lines " + w.startLine() + "-" + w.endLine() + " nws " + w.nwsSize() + " tok " + w.tokenCount() + (w.overBudget() ? " OVER" : "") + "\n## " + w.header().replace("\n", "\n## ") + "\n" + w.content());
				}
			}
		}
		assertThat(true).isTrue();
	}

}
