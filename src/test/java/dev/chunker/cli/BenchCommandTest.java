package dev.chunker.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code chunker bench --per-language}: one row per language of the corpus, with both phases measured. */
class BenchCommandTest {

	@Test
	void perLanguageRowsCoverEveryLanguageOfTheCorpus(@TempDir Path dir) throws Exception {
		Path corpus = Files.createDirectories(dir.resolve("corpus"));
		Files.writeString(corpus.resolve("shapes.ex"), "defmodule Shapes do\n  def area(r), do: r * r\nend\n");
		Files.writeString(corpus.resolve("Counter.vue"),
				"<script lang=\"ts\">\nfunction double(x: number): number {\n  return x * 2\n}\n</script>\n");
		Files.writeString(corpus.resolve("greet.py"), "def greet(name):\n    return 'hi ' + name\n");
		Path json = dir.resolve("bench.json");
		ChunkCommandTest.Run run = ChunkCommandTest.run("bench", corpus.toString(), "--threads", "1", "--no-job",
				"--per-language", "--json", json.toString());
		assertThat(run.exit()).as(run.err()).isZero();
		List<String> rows = run.out().lines().filter((line) -> line.matches("(elixir|python|vue)\\s+1\\s.*")).toList();
		assertThat(rows).hasSize(3);
		JsonNode languages = JsonMapper.builder().build().readTree(Files.readString(json, StandardCharsets.UTF_8)).path("languages");
		assertThat(languages).hasSize(3);
		for (JsonNode row : languages) {
			assertThat(row.path("parse").path("files").asInt()).as("%s", row).isEqualTo(1);
			assertThat(row.path("chunk").path("chunks").asInt()).as("%s", row).isPositive();
		}
	}

}
