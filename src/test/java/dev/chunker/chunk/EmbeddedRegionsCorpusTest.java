package dev.chunker.chunk;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real components (npm {@code primevue} 3.53.0 for Vue, {@code carbon-components-svelte} 0.85.0 for Svelte, pinned in
 * {@code prepare-corpora.sh}): every file chunks and slices back, and the definitions found inside each script and
 * style block through included ranges are exactly those found when the block's text alone is chunked as its own
 * language (same types, names and byte spans, shifted by the block's offset). The standalone JavaScript, TypeScript
 * and CSS chunks are themselves checked against ctags and the TypeScript compiler elsewhere, so this ties the
 * embedded ones to those oracles.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES) // the first run downloads the corpora
class EmbeddedRegionsCorpusTest {

	private static final Pattern LANG = Pattern.compile("\\blang\\s*=\\s*[\"']([^\"']*)[\"']");

	private ChunkerRuntime runtime;

	private Path corpora;

	@BeforeAll
	void prepare() throws Exception {
		this.corpora = CtagsCorpora.prepare();
		this.runtime = ChunkerSettings.defaults().newChunkerRuntime();
	}

	@AfterAll
	void close() {
		if (this.runtime != null) {
			this.runtime.close();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "vue", "svelte" })
	void embeddedDefinitionsAreThoseOfTheBlockAlone(String language) throws Exception {
		List<Path> files;
		try (Stream<Path> walk = Files.walk(this.corpora.resolve(language))) {
			files = walk.filter((p) -> p.toString().endsWith("." + language)).sorted().toList();
		}
		int blocks = 0;
		int compared = 0;
		List<String> mismatches = new ArrayList<>();
		for (Path file : files) {
			byte[] bytes = Files.readAllBytes(file);
			FileChunks chunks = this.runtime.chunker().chunk(file, file.getFileName().toString(), null);
			assertThat(chunks.language()).as("%s", file).isEqualTo(language);
			ChunkInvariants.assertChunks(bytes, chunks.chunks());
			for (CodeChunk block : chunks.chunks()) {
				String inner = innerLanguage(block);
				if (inner == null) {
					continue;
				}
				String text = block.content();
				int open = text.indexOf('>') + 1;
				int close = text.lastIndexOf("</");
				if (open <= 0 || close < open) {
					continue;
				}
				int offset = block.byteStart() + text.substring(0, open).getBytes(StandardCharsets.UTF_8).length;
				byte[] region = Arrays.copyOfRange(bytes, offset,
						block.byteStart() + text.substring(0, close).getBytes(StandardCharsets.UTF_8).length);
				List<String> alone = this.runtime.chunker().chunk(region, "block." + inner, inner, null).chunks().stream()
					.map((c) -> c.nodeType() + " " + c.name() + " " + (c.byteStart() + offset) + "-" + (c.byteEnd() + offset))
					.toList();
				List<String> embedded = chunks.chunks().stream()
					.filter((c) -> c != block && c.byteStart() >= block.byteStart() && c.byteEnd() <= block.byteEnd())
					.map((c) -> c.nodeType() + " " + c.name() + " " + c.byteStart() + "-" + c.byteEnd())
					.toList();
				blocks++;
				compared += alone.size();
				if (!alone.equals(embedded)) {
					mismatches.add(file + " at byte " + offset + ":\n  alone:    " + alone + "\n  embedded: " + embedded);
				}
			}
		}
		System.out.printf("%s: %d files, %d script and style blocks, %d definitions compared, %d blocks differ%n",
				language, files.size(), blocks, compared, mismatches.size());
		assertThat(files).as("%s corpus", language).hasSizeGreaterThan(100);
		assertThat(compared).as("definitions inside %s blocks", language).isGreaterThan(100);
		assertThat(mismatches).as("blocks whose embedded chunks differ from the block chunked alone").isEmpty();
	}

	/** The language a script or style block's text is parsed as, or null when it is not parsed. */
	private static String innerLanguage(CodeChunk block) {
		String tag = block.content().substring(0, Math.max(0, block.content().indexOf('>')));
		Matcher lang = LANG.matcher(tag);
		String attribute = lang.find() ? lang.group(1) : "";
		return switch (block.nodeType()) {
			case "script_element" -> switch (attribute) {
				case "ts", "typescript" -> "typescript";
				case "tsx" -> block.language().equals("vue") ? "tsx" : null;
				case "", "js", "javascript", "jsx" -> "javascript";
				default -> null;
			};
			case "style_element" -> (attribute.isEmpty() || attribute.equals("css")) ? "css" : null;
			default -> null;
		};
	}

}
