package dev.chunker.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.dataformat.toml.TomlMapper;

/** Reads a configuration file (YAML, or TOML as the original tool used) into dotted keys and their raw values. */
final class SettingsFile {

	private SettingsFile() {
	}

	static Map<String, Object> read(Path file) {
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
			throw new SettingsException(file + " is not valid: "
					+ String.valueOf(ex.getMessage()).lines().findFirst().orElse(""));
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

}
