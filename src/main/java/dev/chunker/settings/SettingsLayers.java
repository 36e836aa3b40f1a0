package dev.chunker.settings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;


/**
 * The configuration's layers, lowest first (defaults, file, environment, flags), each checked against
 * {@link SettingKey} as it is added so an error names the key and where it was set. {@link #bind()} resolves the
 * precedence: it reads the highest layer that holds a key.
 */
final class SettingsLayers {

	private final List<Map<String, Object>> layers = new ArrayList<>();

	private final Map<String, Map<String, Object>> languages = new TreeMap<>();

	SettingsLayers() {
		Map<String, Object> defaults = new LinkedHashMap<>();
		for (SettingKey key : SettingKey.values()) {
			defaults.put(key.key(), key.defaultValue());
		}
		this.layers.add(defaults);
	}

	/** Adds a layer above the others; {@code where} names it in errors (a file, "environment", "command line"). */
	SettingsLayers add(Map<String, Object> input, String where) {
		Map<String, Object> layer = new LinkedHashMap<>();
		for (Map.Entry<String, Object> entry : input.entrySet()) {
			String key = entry.getKey();
			if (key.startsWith("languages.")) {
				String[] parts = key.split("\\.");
				if (parts.length != 3 || !LanguageOverrides.KEYS.contains(parts[2])) {
					throw new SettingsException("unknown key '" + key + "' (" + where + "); a language takes "
							+ LanguageOverrides.KEYS);
				}
				this.languages.computeIfAbsent(parts[1], (k) -> new LinkedHashMap<>()).put(parts[2], entry.getValue());
				continue;
			}
			SettingKey setting = SettingKey.byKey(key);
			if (setting == null) {
				throw new SettingsException("unknown key '" + key + "' (" + where + ")");
			}
			layer.put(key, setting.convert(entry.getValue(), where));
		}
		this.layers.add(layer);
		return this;
	}

	/** The values of the environment variables named after the keys ({@code CHUNKER_PERFORMANCE_CACHE_SIZE}). */
	static Map<String, Object> fromEnvironment(Map<String, String> env) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (SettingKey key : SettingKey.values()) {
			String value = env.get(key.envName());
			if (value != null) {
				values.put(key.key(), value);
			}
		}
		return values;
	}

	/** Per language id, the {@code languages.<id>.*} keys set, later layers over earlier ones. */
	Map<String, Map<String, Object>> languages() {
		return this.languages;
	}

	/**
	 * The typed view: for each key the highest layer that holds it. Built by hand rather than by Boot's binder, which
	 * costs a command a third of a second of start-up; the layers hold values {@link SettingKey} has converted already.
	 */
	ChunkerProperties bind() {
		Map<String, Object> effective = new HashMap<>();
		for (Map<String, Object> layer : this.layers) {
			effective.putAll(layer);
		}
		Values v = new Values(effective);
		return new ChunkerProperties(
				new ChunkerProperties.Performance(v.i(SettingKey.CACHE_SIZE), v.i(SettingKey.CACHE_MAX_MEMORY_MB),
						v.i(SettingKey.PARSER_POOL_SIZE), v.i(SettingKey.PARALLEL_WORKERS), v.i(SettingKey.PARSE_TIMEOUT_MS)),
				new ChunkerProperties.Memory(v.i(SettingKey.MAX_FILE_SIZE_MB), v.i(SettingKey.STREAMING_CHUNK_SIZE),
						v.i(SettingKey.STREAMING_THRESHOLD_MB)),
				new ChunkerProperties.Chunking(v.i(SettingKey.MIN_CHUNK_SIZE), v.i(SettingKey.MAX_CHUNK_SIZE),
						v.s(SettingKey.RULES_FILE), v.list(SettingKey.VIEWS),
						new ChunkerProperties.Packed(v.i(SettingKey.PACKED_BUDGET), v.s(SettingKey.PACKED_UNIT),
								v.s(SettingKey.PACKED_ENCODING))),
				new ChunkerProperties.Database(v.s(SettingKey.DB_URL), v.s(SettingKey.DB_USER), v.s(SettingKey.DB_PASSWORD),
						v.i(SettingKey.DB_OUTAGE_TOLERANCE_S)),
				new ChunkerProperties.Index(v.i(SettingKey.GRID_SIZE), v.i(SettingKey.COMMIT_INTERVAL),
						v.list(SettingKey.INCLUDE), v.list(SettingKey.EXCLUDE), v.b(SettingKey.USE_GITIGNORE),
						v.i(SettingKey.DB_RETRY_LIMIT), v.i(SettingKey.LOCK_TTL_SECONDS)),
				new ChunkerProperties.Remote(v.s(SettingKey.BROKER_URL), v.s(SettingKey.REMOTE_QUEUE),
						v.i(SettingKey.REMOTE_POLL_INTERVAL_MS), v.i(SettingKey.REMOTE_WORKER_TIMEOUT_S)));
	}

	/** Effective values by key, typed as {@link SettingKey#convert} leaves them. */
	private record Values(Map<String, Object> values) {

		int i(SettingKey key) {
			return (Integer) get(key);
		}

		String s(SettingKey key) {
			return (String) get(key);
		}

		boolean b(SettingKey key) {
			return (Boolean) get(key);
		}

		List<String> list(SettingKey key) {
			return ((List<?>) get(key)).stream().map(String::valueOf).toList();
		}

		private Object get(SettingKey key) {
			Object value = this.values.get(key.key());
			if (value == null) {
				throw new IllegalStateException("no value for " + key.key() + ", not even its default");
			}
			return value;
		}

	}
}
