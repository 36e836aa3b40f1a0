package dev.chunker.pack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.chunker.chunk.CodeChunk;
import dev.chunker.chunk.DefinitionMetadata;
import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packed view keeps Python's decorators and doc strings with their declarations, on the standard library: for
 * every function and class, as the definition chunks and their metadata place them (an independent rule: the
 * chunker's own, checked against {@code ast} by the signature oracle), the first decorator is in the window where the
 * {@code def} or {@code class} line starts, and so is the start of the doc string, at least 99 % of the time each.
 */
class PythonPackedAttachmentTest {

	private static final Path CORPUS = Path.of("/usr/lib/python3.11");

	@Test
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void decoratorsAndDocStringsStayWithTheirDeclarations() throws Exception {
		assumeTrue(Files.isDirectory(CORPUS), CORPUS + " is not installed");
		List<Path> files;
		try (Stream<Path> walk = Files.walk(CORPUS)) {
			files = walk.filter((p) -> p.toString().endsWith(".py") && !p.toString().contains("site-packages")
					&& !p.toString().contains("dist-packages")).sorted().toList();
		}
		long decorated = 0;
		long decoratedTogether = 0;
		long documented = 0;
		long documentedTogether = 0;
		try (ChunkerRuntime runtime = ChunkerSettings.defaults().newUncachedChunkerRuntime()) {
			FilePacker packer = new FilePacker(runtime.chunker(), Long.MAX_VALUE);
			for (Path file : files) {
				byte[] bytes = Files.readAllBytes(file);
				String path = CORPUS.relativize(file).toString();
				List<CodeChunk> definitions;
				PackedFile packed;
				try {
					definitions = runtime.chunker().chunk(bytes, path, "python", null).chunks();
					packed = packer.pack(bytes, path, "python", PackOptions.defaults());
				}
				catch (dev.chunker.chunk.ChunkingException ex) {
					continue;
				}
				PackedInvariants.assertValid(bytes, packed);
				for (CodeChunk chunk : definitions) {
					DefinitionMetadata metadata = chunk.metadata();
					if (metadata == null) {
						continue;
					}
					int declaration = declarationStart(chunk, metadata);
					if (declaration < 0) {
						continue;
					}
					if (!metadata.annotations().isEmpty()) {
						decorated++;
						int decorator = chunk.byteStart() + utf8Length(chunk.content(), chunk.content().indexOf('@'));
						decoratedTogether += (window(packed, decorator) == window(packed, declaration)) ? 1 : 0;
					}
					if (metadata.docByteStart() != null) {
						documented++;
						documentedTogether += (window(packed, metadata.docByteStart()) == window(packed, declaration)) ? 1 : 0;
					}
				}
			}
		}
		System.out.printf("python stdlib: %d files; decorators with their declaration %d of %d, doc strings %d of %d%n",
				files.size(), decoratedTogether, decorated, documentedTogether, documented);
		assertThat(decorated).isGreaterThan(500);
		assertThat(documented).isGreaterThan(5000);
		assertThat(decoratedTogether * 100).isGreaterThanOrEqualTo(decorated * 99);
		assertThat(documentedTogether * 100).isGreaterThanOrEqualTo(documented * 99);
	}

	/** Where the {@code def} or {@code class} keyword of a chunk's definition is (its signature's start), or -1. */
	private static int declarationStart(CodeChunk chunk, DefinitionMetadata metadata) {
		String head = metadata.signature().split(" ", 3)[0];
		String keyword = head.equals("async") ? "async" : head;
		int at = -1;
		String content = chunk.content();
		for (int i = content.indexOf(keyword); i >= 0; i = content.indexOf(keyword, i + 1)) {
			boolean lineStart = i == 0 || content.substring(content.lastIndexOf('\n', i - 1) + 1, i).isBlank();
			if (lineStart) {
				at = i;
				break;
			}
		}
		return (at < 0) ? -1 : chunk.byteStart() + utf8Length(content, at);
	}

	private static int utf8Length(String text, int chars) {
		return text.substring(0, Math.max(0, chars)).getBytes(StandardCharsets.UTF_8).length;
	}

	private static int window(PackedFile packed, int offset) {
		List<PackedWindow> windows = packed.windows();
		for (int i = 0; i < windows.size(); i++) {
			if (windows.get(i).byteStart() <= offset && offset < windows.get(i).byteEnd()) {
				return i;
			}
		}
		return -1;
	}

}
