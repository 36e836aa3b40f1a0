package dev.chunker.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.chunker.chunk.LanguageRules;

/** The {@code languages.<id>.*} keys of one language, applied over its packaged rules. */
record LanguageOverrides(String id, Map<String, Object> spec) {

	/** The per-language keys after {@code languages.<id>.}. */
	static final List<String> KEYS = List.of("enabled", "chunk_types", "min_chunk_size", "max_chunk_size",
			"exclude_patterns");

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
			List<String> patterns = new ArrayList<>(
					SettingKey.toList(this.spec.get("exclude_patterns"), prefix + "exclude_patterns"));
			result = result.withExcludePatterns(patterns);
		}
		return result.withSizes(min, max);
	}

}
