package dev.chunker.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.chunker.chunk.LanguageRules;
import dev.chunker.pack.BudgetUnit;
import dev.chunker.pack.PackOptions;

/** The {@code languages.<id>.*} keys of one language, applied over its packaged rules. */
record LanguageOverrides(String id, Map<String, Object> spec) {

	/** The per-language keys after {@code languages.<id>.}. */
	static final List<String> KEYS = List.of("enabled", "chunk_types", "min_chunk_size", "max_chunk_size",
			"exclude_patterns", "packed_budget", "packed_unit");

	/** Whether the language packs its windows otherwise than {@code chunking.packed}. */
	boolean overridesPacking() {
		return this.spec.containsKey("packed_budget") || this.spec.containsKey("packed_unit");
	}

	/** The language's packing: {@code global} with its own budget and unit (a unit alone takes that unit's default budget). */
	PackOptions packing(PackOptions global, String where) {
		String prefix = "languages." + this.id + ".";
		BudgetUnit unit = global.unit();
		if (this.spec.containsKey("packed_unit")) {
			try {
				unit = BudgetUnit.of(String.valueOf(this.spec.get("packed_unit")));
			}
			catch (IllegalArgumentException ex) {
				throw new SettingsException(prefix + "packed_unit (" + where + "): " + ex.getMessage());
			}
		}
		int budget = (unit == global.unit()) ? global.budget()
				: (unit == BudgetUnit.TOKENS) ? PackOptions.DEFAULT_TOKEN_BUDGET : PackOptions.DEFAULT_NWS_BUDGET;
		if (this.spec.containsKey("packed_budget")) {
			budget = SettingKey.toInt(this.spec.get("packed_budget"), prefix + "packed_budget", 1);
		}
		return new PackOptions(budget, unit, global.encoding(), global.mode());
	}

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
