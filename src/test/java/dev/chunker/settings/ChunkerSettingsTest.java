package dev.chunker.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.chunker.chunk.LanguageRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkerSettingsTest {

	@TempDir
	Path dir;

	@Test
	void shippedConfigurationFileListsEveryKeyWithItsDefault() {
		ChunkerSettings shipped = ChunkerSettings.load(Path.of("config/chunker.yaml"), Map.of(), Map.of());
		ChunkerSettings defaults = ChunkerSettings.defaults();
		assertThat(shipped.properties()).isEqualTo(defaults.properties());
		String text = read(Path.of("config/chunker.yaml"));
		for (SettingKey key : SettingKey.values()) {
			String leaf = key.key().substring(key.key().lastIndexOf('.') + 1);
			assertThat(text).as(key.key()).contains(leaf + ":");
		}
	}

	@Test
	void everyKeyIsDocumented() {
		String docs = read(Path.of("docs/configuration.md"));
		for (SettingKey key : SettingKey.values()) {
			assertThat(docs).as(key.key()).contains("`" + key.key() + "`");
		}
		for (String key : ChunkerSettings.languageKeys()) {
			assertThat(docs).contains("languages.<lang>." + key);
		}
	}

	@Test
	void fileThenEnvironmentThenFlagsOverride() throws Exception {
		Path file = write("chunker.yaml", """
				performance:
				  parser_pool_size: 3
				  cache_size: 7
				memory:
				  max_file_size_mb: 9
				""");
		ChunkerSettings settings = ChunkerSettings.load(file, Map.of("CHUNKER_PERFORMANCE_CACHE_SIZE", "11"),
				Map.of("memory.max_file_size_mb", 13));
		assertThat(settings.performance().parserPoolSize()).isEqualTo(3);
		assertThat(settings.performance().cacheSize()).isEqualTo(11);
		assertThat(settings.memory().maxFileSizeMb()).isEqualTo(13);
		assertThat(settings.chunkerOptions().maxFileBytes()).isEqualTo(13L * 1024 * 1024);
	}

	@Test
	void tomlFileOfTheOriginalToolIsAccepted() throws Exception {
		Path file = write("chunker.config.toml", """
				[performance]
				cache_size = 5
				parallel_workers = 2

				[languages.python]
				min_chunk_size = 3
				max_chunk_size = 40
				chunk_types = ["function_definition"]
				""");
		ChunkerSettings settings = ChunkerSettings.load(file, Map.of(), Map.of());
		assertThat(settings.performance().cacheSize()).isEqualTo(5);
		assertThat(settings.performance().parallelWorkers()).isEqualTo(2);
		LanguageRules python = settings.rules().get("python");
		assertThat(python.minChunkLines()).isEqualTo(3);
		assertThat(python.maxChunkLines()).isEqualTo(40);
		assertThat(python.chunkTypes()).containsExactly("function_definition");
		assertThat(settings.rules().get("java").minChunkLines()).isEqualTo(1);
	}

	@Test
	void unknownKeysAndBadValuesAreRejectedNamingTheKey() throws Exception {
		Path unknown = write("a.yaml", "performance:\n  cache_sise: 3\n");
		assertThatThrownBy(() -> ChunkerSettings.load(unknown, Map.of(), Map.of())).isInstanceOf(SettingsException.class)
			.hasMessageContaining("performance.cache_sise");
		Path bad = write("b.yaml", "memory:\n  max_file_size_mb: lots\n");
		assertThatThrownBy(() -> ChunkerSettings.load(bad, Map.of(), Map.of())).isInstanceOf(SettingsException.class)
			.hasMessageContaining("memory.max_file_size_mb");
		assertThatThrownBy(() -> ChunkerSettings.load(null, Map.of("CHUNKER_PERFORMANCE_PARSER_POOL_SIZE", "0"), Map.of()))
			.hasMessageContaining("performance.parser_pool_size").hasMessageContaining("at least 1");
		Path language = write("c.yaml", "languages:\n  cobol:\n    enabled: false\n");
		assertThatThrownBy(() -> ChunkerSettings.load(language, Map.of(), Map.of())).hasMessageContaining("languages.cobol");
		Path languageKey = write("d.yaml", "languages:\n  python:\n    chunk_typez: []\n");
		assertThatThrownBy(() -> ChunkerSettings.load(languageKey, Map.of(), Map.of()))
			.hasMessageContaining("languages.python.chunk_typez");
		Path sizes = write("e.yaml", "chunking:\n  min_chunk_size: 10\n  max_chunk_size: 5\n");
		assertThatThrownBy(() -> ChunkerSettings.load(sizes, Map.of(), Map.of())).hasMessageContaining("min_chunk_size");
		assertThatThrownBy(() -> ChunkerSettings.load(this.dir.resolve("missing.yaml"), Map.of(), Map.of()))
			.hasMessageContaining("does not exist");
	}

	@Test
	void languageOverridesTakeEffectInTheChunker() throws Exception {
		Path file = write("f.yaml", """
				languages:
				  python:
				    enabled: false
				""");
		ChunkerSettings settings = ChunkerSettings.load(file, Map.of(), Map.of());
		assertThat(settings.rules().get("python").enabled()).isFalse();
		try (ChunkerRuntime runtime = settings.newChunkerRuntime()) {
			assertThat(runtime.chunker().detector().byName("x.py")).isNull();
		}
		Path types = write("g.yaml", "languages:\n  python:\n    chunk_types: [no_such_node]\n");
		ChunkerSettings broken = ChunkerSettings.load(types, Map.of(), Map.of());
		try (ChunkerRuntime runtime = broken.newChunkerRuntime()) {
			assertThatThrownBy(() -> runtime.chunker().compiled("python")).hasMessageContaining("languages.python");
		}
	}

	@Test
	void aLanguageMayPackItsWindowsWithItsOwnBudgetAndUnit() throws Exception {
		Path file = write("p.yaml", """
				chunking:
				  packed:
				    budget: 1200
				languages:
				  markdown:
				    packed_budget: 4000
				  yaml:
				    packed_unit: tokens
				""");
		ChunkerSettings settings = ChunkerSettings.load(file, Map.of(), Map.of());
		assertThat(settings.packOptions("java").budget()).isEqualTo(1200);
		assertThat(settings.packOptions("markdown").budget()).isEqualTo(4000);
		assertThat(settings.packOptions("markdown").unit()).isEqualTo(dev.chunker.pack.BudgetUnit.NWS_CHARS);
		assertThat(settings.packOptions("yaml").unit()).isEqualTo(dev.chunker.pack.BudgetUnit.TOKENS);
		assertThat(settings.packOptions("yaml").budget()).isEqualTo(dev.chunker.pack.PackOptions.DEFAULT_TOKEN_BUDGET);
		Path bad = write("q.yaml", "languages:\n  markdown:\n    packed_unit: lines\n");
		assertThatThrownBy(() -> ChunkerSettings.load(bad, Map.of(), Map.of())).isInstanceOf(SettingsException.class)
			.hasMessageContaining("languages.markdown.packed_unit");
		Path zero = write("r.yaml", "languages:\n  markdown:\n    packed_budget: 0\n");
		assertThatThrownBy(() -> ChunkerSettings.load(zero, Map.of(), Map.of())).isInstanceOf(SettingsException.class)
			.hasMessageContaining("languages.markdown.packed_budget");
	}

	@Test
	void remoteKeysAreTypedValidatedAndTheBrokerCredentialsComeFromTheEnvironmentWithoutBeingPrinted() throws Exception {
		ChunkerSettings defaults = ChunkerSettings.defaults();
		assertThat(defaults.remote())
			.isEqualTo(new ChunkerProperties.Remote("amqp://guest:guest@127.0.0.1:5672", "chunker.partitions", 1000, 60));
		assertThat(defaults.broker(Map.of()))
			.isEqualTo(new ChunkerProperties.BrokerAddress("127.0.0.1", 5672, "guest", "guest", "/", false));
		Path file = write("r.yaml", """
				remote:
				  broker_url: amqps://bob:s%40cret@mq.example:5999/batch
				  queue: night.partitions
				  poll_interval_ms: 250
				  worker_timeout_s: 5
				""");
		ChunkerSettings settings = ChunkerSettings.load(file, Map.of("CHUNKER_BROKER_PASSWORD", "other"), Map.of());
		assertThat(settings.remote().pollInterval().toMillis()).isEqualTo(250);
		assertThat(settings.remote().workerTimeout().toSeconds()).isEqualTo(5);
		assertThat(settings.remote().broker("", ""))
			.isEqualTo(new ChunkerProperties.BrokerAddress("mq.example", 5999, "bob", "s@cret", "batch", true));
		ChunkerProperties.BrokerAddress fromEnv = settings.broker(Map.of("CHUNKER_BROKER_USER", "amy",
				"CHUNKER_BROKER_PASSWORD", "pw"));
		assertThat(fromEnv.user()).isEqualTo("amy");
		assertThat(fromEnv.password()).isEqualTo("pw");
		assertThat(fromEnv.toString()).isEqualTo("amqps://amy@mq.example:5999/batch");
		assertThat(settings.remote().toString()).doesNotContain("cret").contains("bob:***@mq.example");
		assertThatThrownBy(() -> ChunkerSettings.load(null, Map.of("CHUNKER_REMOTE_BROKER_URL", "http://x:80"), Map.of()))
			.isInstanceOf(SettingsException.class)
			.hasMessageContaining("remote.broker_url");
		assertThatThrownBy(() -> ChunkerSettings.load(null, Map.of("CHUNKER_REMOTE_BROKER_URL", "amqp://u:hidden@"), Map.of()))
			.hasMessageContaining("remote.broker_url").hasMessageNotContaining("hidden");
		assertThatThrownBy(() -> ChunkerSettings.load(null, Map.of("CHUNKER_REMOTE_QUEUE", "a b"), Map.of()))
			.hasMessageContaining("remote.queue");
		assertThatThrownBy(() -> ChunkerSettings.load(null, Map.of("CHUNKER_REMOTE_POLL_INTERVAL_MS", "10"), Map.of()))
			.hasMessageContaining("remote.poll_interval_ms").hasMessageContaining("at least 100");
		assertThatThrownBy(() -> ChunkerSettings.load(null, Map.of("CHUNKER_REMOTE_WORKER_TIMEOUT_S", "0"), Map.of()))
			.hasMessageContaining("remote.worker_timeout_s");
	}

	@Test
	void listsFromTheEnvironmentAreCommaSeparated() {
		ChunkerSettings settings = ChunkerSettings.load(null, Map.of("CHUNKER_INDEX_EXCLUDE", "**/gen/**, *.pb.go"), Map.of());
		assertThat(settings.index().exclude()).isEqualTo(List.of("**/gen/**", "*.pb.go"));
	}

	@Test
	void everyKeyIsBoundIntoItsTypedSectionAndAHigherLayerWinsEvenWithAnEmptyList() throws Exception {
		ChunkerProperties defaults = ChunkerSettings.defaults().properties();
		assertThat(defaults.index()).isEqualTo(new ChunkerProperties.Index(0, 20, List.of(), List.of(), true, 3, 60));
		assertThat(defaults.chunking()).isEqualTo(new ChunkerProperties.Chunking(1, 0, "", java.util.List.of("definitions", "packed"),
				new ChunkerProperties.Packed(0, "nws_chars", "cl100k_base")));
		Path file = write("h.yaml", """
				index:
				  include: ["src/**"]
				  exclude: ["**/gen/**", "*.pb.go"]
				  use_gitignore: false
				database:
				  url: jdbc:h2:mem:x
				""");
		ChunkerSettings settings = ChunkerSettings.load(file, Map.of("CHUNKER_INDEX_COMMIT_INTERVAL", "7"),
				Map.of("index.exclude", List.of()));
		assertThat(settings.index().include()).containsExactly("src/**");
		assertThat(settings.index().exclude()).isEmpty();
		assertThat(settings.index().useGitignore()).isFalse();
		assertThat(settings.index().commitInterval()).isEqualTo(7);
		assertThat(settings.database().url()).isEqualTo("jdbc:h2:mem:x");
		assertThat(settings.database().toString()).doesNotContain("password");
	}

	private Path write(String name, String content) throws Exception {
		Path file = this.dir.resolve(name);
		Files.writeString(file, content);
		return file;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void viewsAndThePackedBudgetAreChecked() throws Exception {
		ChunkerSettings defaults = ChunkerSettings.load(null, Map.of(), Map.of());
		assertThat(defaults.chunking().packedView()).isTrue();
		assertThat(defaults.packOptions()).isEqualTo(dev.chunker.pack.PackOptions.defaults());
		ChunkerSettings tokens = ChunkerSettings.load(write("t.yaml",
				"chunking:\n  packed:\n    unit: tokens\n    encoding: o200k_base\n"), Map.of(), Map.of());
		assertThat(tokens.packOptions().budget()).isEqualTo(dev.chunker.pack.PackOptions.DEFAULT_TOKEN_BUDGET);
		assertThat(tokens.packOptions().encoding()).isEqualTo("o200k_base");
		ChunkerSettings off = ChunkerSettings.load(null, Map.of("CHUNKER_CHUNKING_VIEWS", "definitions"), Map.of());
		assertThat(off.chunking().packedView()).isFalse();
		assertThatThrownBy(() -> ChunkerSettings.load(write("v.yaml", "chunking:\n  views: [definitions, windows]\n"),
				Map.of(), Map.of())).isInstanceOf(SettingsException.class).hasMessageContaining("unknown view 'windows'");
		assertThatThrownBy(() -> ChunkerSettings.load(write("p.yaml", "chunking:\n  views: [packed]\n"), Map.of(),
				Map.of())).isInstanceOf(SettingsException.class).hasMessageContaining("must hold 'definitions'");
		assertThatThrownBy(() -> ChunkerSettings.load(write("u.yaml", "chunking:\n  packed:\n    unit: lines\n"),
				Map.of(), Map.of())).isInstanceOf(SettingsException.class).hasMessageContaining("chunking.packed.unit");
		assertThatThrownBy(() -> ChunkerSettings.load(write("e.yaml", "chunking:\n  packed:\n    encoding: p50k\n"),
				Map.of(), Map.of())).isInstanceOf(SettingsException.class).hasMessageContaining("chunking.packed.encoding");
	}

}
