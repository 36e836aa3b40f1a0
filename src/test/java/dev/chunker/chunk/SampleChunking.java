package dev.chunker.chunk;

import java.nio.charset.StandardCharsets;

import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the sample tests share: one runtime with the packaged rules for the test class, and the chunking of an inline
 * sample with the invariants every chunk must keep ({@link ChunkInvariants}).
 */
abstract class SampleChunking {

	static ChunkerRuntime runtime;

	@BeforeAll
	static void start() {
		runtime = ChunkerSettings.defaults().newChunkerRuntime();
	}

	@AfterAll
	static void stop() {
		runtime.close();
	}

	/** The chunks of an inline sample named {@code path}, checked for slice-back, nesting and ids. */
	static FileChunks chunk(String path, String source) {
		byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
		FileChunks result = runtime.chunker().chunk(bytes, path, null, null);
		ChunkInvariants.assertValid(bytes, result);
		return result;
	}

}
