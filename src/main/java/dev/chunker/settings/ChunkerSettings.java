package dev.chunker.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.chunker.chunk.ChunkRules;
import dev.chunker.chunk.FileChunker;
import dev.chunker.pack.PackOptions;
import dev.chunker.treesitter.AstCache;
import dev.chunker.treesitter.ParserPool;
import org.jspecify.annotations.Nullable;

/**
 * The validated configuration: the built-in defaults, overridden by the configuration file (YAML, or TOML as the
 * original tool used), then by {@code CHUNKER_*} environment variables, then by command-line flags. Every key is
 * listed in {@link SettingKey}; unknown keys and bad values are rejected naming the key. Read through the typed
 * sections, e.g. {@code settings.index().gridSize()}, and {@link #rules()} for the per-language rules.
 */
public final class ChunkerSettings {

	/** The configuration file looked for in the working directory when none is given. */
	public static final Path DEFAULT_FILE = Path.of("config", "chunker.yaml");

	/** Environment variable naming the configuration file. */
	public static final String CONFIG_ENV = "CHUNKER_CONFIG";

	private final ChunkerProperties properties;

	private final ChunkRules rules;

	private final @Nullable Path source;

	private final PackOptions packOptions;

	private final Map<String, PackOptions> packing;

	private ChunkerSettings(ChunkerProperties properties, ChunkRules rules, @Nullable Path source, PackOptions packOptions,
			Map<String, PackOptions> packing) {
		this.packOptions = packOptions;
		this.packing = Map.copyOf(packing);
		this.properties = properties;
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
		String configEnv = env.get(CONFIG_ENV);
		if (chosen == null && configEnv != null) {
			chosen = Path.of(configEnv);
		}
		if (chosen == null && lookForDefaultFile && Files.isRegularFile(DEFAULT_FILE)) {
			chosen = DEFAULT_FILE;
		}
		String where = (chosen != null) ? chosen.toString() : (overrides.isEmpty() ? "defaults" : overridesWhere);
		SettingsLayers layers = new SettingsLayers()
			.add((chosen != null) ? SettingsFile.read(chosen) : Map.of(), where)
			.add(SettingsLayers.fromEnvironment(env), "environment")
			.add(overrides, overridesWhere);
		ChunkerProperties properties = layers.bind();
		ChunkerProperties.Chunking chunking = properties.chunking();
		ChunkRules rules = chunking.rulesFile().isBlank() ? ChunkRules.defaults()
				: ChunkRules.load(Path.of(chunking.rulesFile()));
		int min = chunking.minChunkSize();
		int max = chunking.maxChunkSize();
		if (max > 0 && min > max) {
			throw new SettingsException("chunking.min_chunk_size (" + min + ") is larger than chunking.max_chunk_size (" + max + ")"
					+ (overrides.isEmpty() ? "" : " (" + overridesWhere + ")"));
		}
		rules = rules.withSizes(min, max);
		RemoteChecks.check(properties.remote(), where);
		PackOptions packOptions = ViewChecks.check(chunking, where);
		Map<String, PackOptions> packing = new java.util.HashMap<>();
		for (Map.Entry<String, Map<String, Object>> language : layers.languages().entrySet()) {
			String id = language.getKey();
			if (rules.get(id) == null) {
				throw new SettingsException("unknown language in key languages." + id + " (" + where + "); known: "
						+ rules.all().stream().map(r -> r.id()).toList());
			}
			LanguageOverrides spec = new LanguageOverrides(id, language.getValue());
			if (spec.overridesPacking()) {
				packing.put(id, spec.packing(packOptions, where));
			}
			try {
				rules = rules.with(id, spec::applyTo);
			}
			catch (IllegalArgumentException ex) {
				throw new SettingsException(String.valueOf(ex.getMessage()));
			}
		}
		return new ChunkerSettings(properties, rules, chosen, packOptions, packing);
	}

	/** All sections as one value (equal when every key is). */
	public ChunkerProperties properties() {
		return this.properties;
	}

	public ChunkerProperties.Performance performance() {
		return this.properties.performance();
	}

	public ChunkerProperties.Memory memory() {
		return this.properties.memory();
	}

	public ChunkerProperties.Chunking chunking() {
		return this.properties.chunking();
	}

	public ChunkerProperties.Database database() {
		return this.properties.database();
	}

	public ChunkerProperties.Index index() {
		return this.properties.index();
	}

	public ChunkerProperties.Remote remote() {
		return this.properties.remote();
	}

	/** The broker of remote mode; {@code CHUNKER_BROKER_USER} / {@code _PASSWORD} in {@code env} win over the URL's. */
	public ChunkerProperties.BrokerAddress broker(Map<String, String> env) {
		return remote().broker(env.getOrDefault("CHUNKER_BROKER_USER", ""), env.getOrDefault("CHUNKER_BROKER_PASSWORD", ""));
	}

	/** How the packed view is cut ({@code chunking.packed.*}). */
	public PackOptions packOptions() {
		return this.packOptions;
	}

	/** How a language's files are packed: {@code chunking.packed}, or its {@code languages.<id>.packed_*} keys. */
	public PackOptions packOptions(String language) {
		return this.packing.getOrDefault(language, this.packOptions);
	}

	public ChunkRules rules() {
		return this.rules;
	}

	public @Nullable Path source() {
		return this.source;
	}

	public FileChunker.Options chunkerOptions() {
		return new FileChunker.Options(memory().maxFileBytes(), performance().parseTimeoutMs(),
				memory().streamingChunkSize());
	}

	/** Creates the parser pool, AST cache and chunker these settings describe. */
	public ChunkerRuntime newChunkerRuntime() {
		return newChunkerRuntime(new AstCache(performance().cacheSize(), performance().cacheMaxMemoryBytes()));
	}

	/**
	 * Creates the parser pool and chunker these settings describe, without an AST cache: for a process that chunks
	 * each file once (the cache lives no longer than the process, so it can only hit on a second chunking).
	 */
	public ChunkerRuntime newUncachedChunkerRuntime() {
		return newChunkerRuntime(new AstCache(0, 0));
	}

	private ChunkerRuntime newChunkerRuntime(AstCache cache) {
		ParserPool pool = new ParserPool(performance().parserPoolSize());
		return new ChunkerRuntime(new FileChunker(this.rules, pool, cache, chunkerOptions()));
	}

	/** The per-language keys after {@code languages.<id>.}. */
	public static List<String> languageKeys() {
		return LanguageOverrides.KEYS;
	}

}
