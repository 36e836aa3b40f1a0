package dev.chunker.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.chunker.chunk.ChunkRules;
import dev.chunker.chunk.FileChunker;
import dev.chunker.chunk.LanguageRules;
import dev.chunker.treesitter.AstCache;
import dev.chunker.treesitter.ParserPool;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * The validated configuration: the built-in defaults, overridden by the configuration file (YAML, or TOML as the
 * original tool used), then by {@code CHUNKER_*} environment variables, then by command-line flags. Every key is
 * listed in {@link SettingKey}; unknown keys and bad values are rejected naming the key.
 */
public final class ChunkerSettings {

	/** The configuration file looked for in the working directory when none is given. */
	public static final Path DEFAULT_FILE = Path.of("config", "chunker.yaml");

	/** Environment variable naming the configuration file. */
	public static final String CONFIG_ENV = "CHUNKER_CONFIG";

	private static final List<String> LANGUAGE_KEYS = List.of("enabled", "chunk_types", "min_chunk_size",
			"max_chunk_size", "exclude_patterns");

	private final Map<String, Object> values;

	private final ChunkRules rules;

	private final @Nullable Path source;

	private ChunkerSettings(Map<String, Object> values, ChunkRules rules, @Nullable Path source) {
		this.values = values;
		this.rules = rules;
		this.source = source;
	}

	/** Built-in defaults only. */
	public static ChunkerSettings defaults() {
		return load(null, Map.of(), Map.of(), false);
	}

	/**
	 * Loads settings.
	 * @param file the configuration file, or null for {@code $CHUNKER_CONFIG} or {@code config/chunker.yaml} if present
	 * @param env environment variables
	 * @param overrides dotted keys set on the command line
	 */
	public static ChunkerSettings load(@Nullable Path file, Map<String, String> env, Map<String, Object> overrides) {
		return load(file, env, overrides, true);
	}

	/**
	 * Loads settings whose overrides come from somewhere else than the command line (a job definition): errors name
	 * {@code overridesWhere}.
	 */
	public static ChunkerSettings load(@Nullable Path file, Map<String, String> env, Map<String, Object> overrides,
			String overridesWhere) {
		return load(file, env, overrides, true, overridesWhere);
	}

	/**
	 * Validates keys and values (dotted keys, as in the configuration file) on their own, against the built-in
	 * defaults: the checks of the configuration file, with errors naming {@code where}.
	 */
	public static ChunkerSettings validate(Map<String, Object> values, String where) {
		return load(null, Map.of(), values, false, where);
	}

	static ChunkerSettings load(@Nullable Path file, Map<String, String> env, Map<String, Object> overrides,
			boolean lookForDefaultFile) {
		return load(file, env, overrides, lookForDefaultFile, "command line");
	}

	private static ChunkerSettings load(@Nullable Path file, Map<String, String> env, Map<String, Object> overrides,
			boolean lookForDefaultFile, String overridesWhere) {
		Path chosen = file;
		if (chosen == null && env.containsKey(CONFIG_ENV)) {
			chosen = Path.of(env.get(CONFIG_ENV));
		}
		if (chosen == null && lookForDefaultFile && Files.isRegularFile(DEFAULT_FILE)) {
			chosen = DEFAULT_FILE;
		}
		Map<String, Object> values = new TreeMap<>();
		for (SettingKey key : SettingKey.values()) {
			values.put(key.key(), key.defaultValue());
		}
		Map<String, Object> fromFile = (chosen != null) ? readFile(chosen) : Map.of();
		String where = (chosen != null) ? chosen.toString() : (overrides.isEmpty() ? "defaults" : overridesWhere);
		Map<String, Map<String, Object>> languageValues = new TreeMap<>();
		apply(values, languageValues, fromFile, where);
		Map<String, Object> fromEnv = new LinkedHashMap<>();
		for (SettingKey key : SettingKey.values()) {
			String value = env.get(key.envName());
			if (value != null) {
				fromEnv.put(key.key(), value);
			}
		}
		apply(values, languageValues, fromEnv, "environment");
		apply(values, languageValues, overrides, overridesWhere);

		ChunkRules rules;
		Object rulesFile = values.get(SettingKey.RULES_FILE.key());
		rules = (rulesFile instanceof String s && !s.isBlank()) ? ChunkRules.load(Path.of(s)) : ChunkRules.defaults();
		int min = (Integer) values.get(SettingKey.MIN_CHUNK_SIZE.key());
		int max = (Integer) values.get(SettingKey.MAX_CHUNK_SIZE.key());
		if (max > 0 && min > max) {
			throw new SettingsException("chunking.min_chunk_size (" + min + ") is larger than chunking.max_chunk_size (" + max + ")"
					+ (overrides.isEmpty() ? "" : " (" + overridesWhere + ")"));
		}
		rules = rules.withSizes(min, max);
		for (Map.Entry<String, Map<String, Object>> language : languageValues.entrySet()) {
			String id = language.getKey();
			if (rules.get(id) == null) {
				throw new SettingsException("unknown language in key languages." + id + " (" + where + "); known: "
						+ rules.all().stream().map(r -> r.id()).toList());
			}
			Map<String, Object> spec = language.getValue();
			try {
				rules = rules.with(id, (r) -> new LanguageOverrides(id, spec).applyTo(r));
			}
			catch (IllegalArgumentException ex) {
				throw new SettingsException(ex.getMessage());
			}
		}
		return new ChunkerSettings(values, rules, chosen);
	}

	private static Map<String, Object> readFile(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new SettingsException("configuration file " + file + " does not exist");
		}
		try {
			String text = Files.readString(file);
			Object root;
			if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".toml")) {
				root = new TomlMapper().readValue(text, Map.class);
			}
			else {
				root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
			}
			if (root == null) {
				return Map.of();
			}
			if (!(root instanceof Map<?, ?> map)) {
				throw new SettingsException(file + ": expected a mapping of sections at the top level");
			}
			Map<String, Object> flat = new LinkedHashMap<>();
			flatten("", map, flat);
			return flat;
		}
		catch (IOException ex) {
			throw new SettingsException("cannot read configuration file " + file + ": " + ex.getMessage());
		}
		catch (SettingsException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new SettingsException(file + " is not valid: " + ex.getMessage().lines().findFirst().orElse(""));
		}
	}

	private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> flat) {
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			String key = prefix + entry.getKey();
			if (entry.getValue() instanceof Map<?, ?> inner) {
				flatten(key + ".", inner, flat);
			}
			else {
				flat.put(key, entry.getValue());
			}
		}
	}

	private static void apply(Map<String, Object> values, Map<String, Map<String, Object>> languageValues,
			Map<String, Object> input, String where) {
		for (Map.Entry<String, Object> entry : input.entrySet()) {
			String key = entry.getKey();
			if (key.startsWith("languages.")) {
				String[] parts = key.split("\\.");
				if (parts.length != 3 || !LANGUAGE_KEYS.contains(parts[2])) {
					throw new SettingsException("unknown key '" + key + "' (" + where + "); a language takes "
							+ LANGUAGE_KEYS);
				}
				languageValues.computeIfAbsent(parts[1], (k) -> new LinkedHashMap<>()).put(parts[2], entry.getValue());
				continue;
			}
			SettingKey setting = SettingKey.byKey(key);
			if (setting == null) {
				throw new SettingsException("unknown key '" + key + "' (" + where + ")");
			}
			values.put(key, setting.convert(entry.getValue(), where));
		}
	}

	public Object get(SettingKey key) {
		return this.values.get(key.key());
	}

	public int getInt(SettingKey key) {
		return (Integer) this.values.get(key.key());
	}

	public long getLong(SettingKey key) {
		return ((Number) this.values.get(key.key())).longValue();
	}

	public String getString(SettingKey key) {
		Object value = this.values.get(key.key());
		return (value != null) ? value.toString() : "";
	}

	@SuppressWarnings("unchecked")
	public List<String> getList(SettingKey key) {
		Object value = this.values.get(key.key());
		return (value instanceof List<?> list) ? (List<String>) list : List.of();
	}

	public ChunkRules rules() {
		return this.rules;
	}

	public @Nullable Path source() {
		return this.source;
	}

	/** All effective values, for display. */
	public Map<String, Object> values() {
		return new TreeMap<>(this.values);
	}

	/** Parsers per language: the configured size, at least the worker count so workers never wait. */
	public int parserPoolSize() {
		return getInt(SettingKey.PARSER_POOL_SIZE);
	}

	public FileChunker.Options chunkerOptions() {
		return new FileChunker.Options(getLong(SettingKey.MAX_FILE_SIZE_MB) * 1024 * 1024,
				getLong(SettingKey.PARSE_TIMEOUT_MS), getInt(SettingKey.STREAMING_CHUNK_SIZE));
	}

	/** Creates the parser pool, AST cache and chunker these settings describe. */
	public ChunkerRuntime newChunkerRuntime() {
		return newChunkerRuntime(new AstCache(getInt(SettingKey.CACHE_SIZE),
				getLong(SettingKey.CACHE_MAX_MEMORY_MB) * 1024 * 1024));
	}

	/**
	 * Creates the parser pool and chunker these settings describe, without an AST cache: for a process that chunks
	 * each file once (the cache lives no longer than the process, so it can only hit on a second chunking).
	 */
	public ChunkerRuntime newUncachedChunkerRuntime() {
		return newChunkerRuntime(new AstCache(0, 0));
	}

	private ChunkerRuntime newChunkerRuntime(AstCache cache) {
		return new ChunkerRuntime(new FileChunker(this.rules, new ParserPool(parserPoolSize()), cache, chunkerOptions()));
	}

	/** The per-language keys after {@code languages.<id>.}. */
	public static List<String> languageKeys() {
		return LANGUAGE_KEYS;
	}

	private record LanguageOverrides(String id, Map<String, Object> spec) {

		LanguageRules applyTo(LanguageRules rules) {
			LanguageRules result = rules;
			String prefix = "languages." + this.id + ".";
			if (this.spec.containsKey("enabled")) {
				result = result.withEnabled(SettingKey.toBoolean(this.spec.get("enabled"), prefix + "enabled"));
			}
			if (this.spec.containsKey("chunk_types")) {
				result = result.withChunkTypes(SettingKey.toList(this.spec.get("chunk_types"), prefix + "chunk_types"));
			}
			int min = this.spec.containsKey("min_chunk_size")
					? SettingKey.toInt(this.spec.get("min_chunk_size"), prefix + "min_chunk_size", 0) : result.minChunkLines();
			int max = this.spec.containsKey("max_chunk_size")
					? SettingKey.toInt(this.spec.get("max_chunk_size"), prefix + "max_chunk_size", 0) : result.maxChunkLines();
			if (this.spec.containsKey("exclude_patterns")) {
				List<String> patterns = new ArrayList<>(SettingKey.toList(this.spec.get("exclude_patterns"), prefix + "exclude_patterns"));
				result = result.withExcludePatterns(patterns);
			}
			return result.withSizes(min, max);
		}

	}

}
