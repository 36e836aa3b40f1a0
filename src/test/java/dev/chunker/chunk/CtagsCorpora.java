package dev.chunker.chunk;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pinned corpora and the Universal Ctags binary of {@code src/test/corpora/prepare-corpora.sh}, and a ctags run
 * over a file list, for the ctags oracle tests.
 */
final class CtagsCorpora {

	private CtagsCorpora() {
	}

	/**
	 * Runs prepare-corpora.sh into {@code ~/.cache/chunker/corpora} (or {@code -Dchunker.corpora=DIR},
	 * {@code CHUNKER_CORPORA}) and returns that directory.
	 */
	static Path prepare() throws Exception {
		String configured = System.getProperty("chunker.corpora", System.getenv("CHUNKER_CORPORA"));
		Path corpora = (configured != null && !configured.isBlank()) ? Path.of(configured)
				: Path.of(System.getProperty("user.home"), ".cache", "chunker", "corpora");
		Path script = Path.of("src", "test", "corpora", "prepare-corpora.sh").toAbsolutePath();
		assertThat(script).as("the test runs in the project directory").isRegularFile();
		Path log = Files.createTempFile("prepare-corpora", ".log");
		try {
			Process process = new ProcessBuilder("bash", script.toString(), corpora.toString())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
				.start();
			boolean done = process.waitFor(14, TimeUnit.MINUTES);
			if (!done) {
				process.destroyForcibly();
			}
			String output = Files.readString(log);
			System.out.print(output);
			assertThat(done && process.exitValue() == 0).as("prepare-corpora.sh failed:%n%s", output).isTrue();
		}
		finally {
			Files.deleteIfExists(log);
		}
		return corpora;
	}

	/** The tags of every kind ctags reports for {@code files}, by path, in file order. */
	static Map<String, List<CtagsMatcher.Tag>> runCtags(Path ctags, String ctagsLanguage, List<Path> files)
			throws Exception {
		return runCtags(ctags, List.of("--fields=+neK", "--languages=" + ctagsLanguage), files);
	}

	/** The tags ctags reports for {@code files} with {@code options} (fields, languages, kinds), by path, in file order. */
	static Map<String, List<CtagsMatcher.Tag>> runCtags(Path ctags, List<String> options, List<Path> files)
			throws Exception {
		Path list = Files.createTempFile("ctags-files", ".txt");
		Path out = Files.createTempFile("ctags-tags", ".json");
		Path err = Files.createTempFile("ctags-errors", ".txt");
		try {
			Files.write(list, files.stream().map(Path::toString).toList());
			List<String> command = new ArrayList<>(List.of(ctags.toString(), "--options=NONE", "--output-format=json",
					"--sort=no"));
			command.addAll(options);
			command.addAll(List.of("-L", list.toString(), "-f", out.toString()));
			Process process = new ProcessBuilder(command).redirectError(err.toFile())
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
				.start();
			assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("ctags finished").isTrue();
			assertThat(process.exitValue()).as("ctags exit status: %s", Files.readString(err)).isZero();
			JsonMapper mapper = JsonMapper.builder().build();
			Map<String, List<CtagsMatcher.Tag>> tags = new LinkedHashMap<>();
			try (Stream<String> lines = Files.lines(out, StandardCharsets.UTF_8)) {
				lines.forEach((line) -> {
					JsonNode node = mapper.readTree(line);
					if (!"tag".equals(node.path("_type").asString())) {
						return;
					}
					JsonNode end = node.get("end");
					CtagsMatcher.Tag tag = new CtagsMatcher.Tag(node.path("name").asString(),
							node.path("kind").asString(), node.path("line").asInt(),
							(end != null) ? end.asInt() : null, node.path("scope").asString(""));
					tags.computeIfAbsent(node.path("path").asString(), (key) -> new ArrayList<>()).add(tag);
				});
			}
			return tags;
		}
		finally {
			Files.deleteIfExists(list);
			Files.deleteIfExists(out);
			Files.deleteIfExists(err);
		}
	}

}
