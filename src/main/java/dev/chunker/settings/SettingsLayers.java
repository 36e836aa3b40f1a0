package dev.chunker.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The configuration's layers, lowest first (defaults, file, environment, flags), each checked against
 * {@link SettingKey} as it is added so an error names the key and where it was set. {@link #bind()} lets Boot's
 * {@link Binder} resolve the precedence: it reads the highest layer that holds a key.
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

	ChunkerProperties bind() {
		List<ConfigurationPropertySource> sources = new ArrayList<>();
		for (Map<String, Object> layer : this.layers.reversed()) {
			MapConfigurationPropertySource source = new MapConfigurationPropertySource();
			// The file's keys are snake_case; Boot's canonical names are kebab-case.
			layer.forEach((key, value) -> source.put(key.replace('_', '-'), value));
			sources.add(source);
		}
		return new Binder(sources).bind("", ChunkerProperties.class)
			.orElseThrow(() -> new IllegalStateException("the defaults bind every key"));
	}

}
