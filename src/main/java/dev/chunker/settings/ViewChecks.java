package dev.chunker.settings;

import java.util.List;

import dev.chunker.pack.BudgetUnit;
import dev.chunker.pack.PackOptions;

/** Checks {@code chunking.views} and {@code chunking.packed.*} and turns them into the packing options. */
final class ViewChecks {

	static final List<String> VIEWS = List.of("definitions", "packed");

	private ViewChecks() {
	}

	static PackOptions check(ChunkerProperties.Chunking chunking, String where) {
		for (String view : chunking.views()) {
			if (!VIEWS.contains(view)) {
				throw new SettingsException("chunking.views (" + where + "): unknown view '" + view + "'; known: " + VIEWS);
			}
		}
		if (!chunking.views().contains("definitions")) {
			throw new SettingsException("chunking.views (" + where + ") must hold 'definitions': symbol queries, the"
					+ " chunk change feed and the packed view's headers are built from it");
		}
		ChunkerProperties.Packed packed = chunking.packed();
		BudgetUnit unit;
		try {
			unit = BudgetUnit.of(packed.unit());
		}
		catch (IllegalArgumentException ex) {
			throw new SettingsException("chunking.packed.unit (" + where + "): " + ex.getMessage());
		}
		int budget = (packed.budget() > 0) ? packed.budget()
				: (unit == BudgetUnit.TOKENS) ? PackOptions.DEFAULT_TOKEN_BUDGET : PackOptions.DEFAULT_NWS_BUDGET;
		try {
			return new PackOptions(budget, unit, packed.encoding(), PackOptions.Mode.ANCHORED);
		}
		catch (IllegalArgumentException ex) {
			throw new SettingsException("chunking.packed.encoding (" + where + "): " + ex.getMessage());
		}
	}

}
