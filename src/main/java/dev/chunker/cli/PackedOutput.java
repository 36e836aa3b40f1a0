package dev.chunker.cli;

import java.io.PrintWriter;

import dev.chunker.pack.BudgetUnit;
import dev.chunker.pack.PackOptions;
import dev.chunker.pack.PackedFile;
import dev.chunker.pack.PackedWindow;
import org.jspecify.annotations.Nullable;

/** The packed view for {@code chunker chunk FILE --packed}: its options from the flags, and its output forms. */
final class PackedOutput {

	private PackedOutput() {
	}

	/**
	 * The options of {@code --budget}, {@code --unit} and {@code --encoding}.
	 * @throws ChunkerCommand.UsageException with one sentence when a value is not accepted
	 */
	static PackOptions options(@Nullable Integer budget, String unit, String encoding) {
		try {
			BudgetUnit budgetUnit = BudgetUnit.of(unit);
			int size = (budget != null) ? budget
					: (budgetUnit == BudgetUnit.TOKENS) ? PackOptions.DEFAULT_TOKEN_BUDGET : PackOptions.DEFAULT_NWS_BUDGET;
			return new PackOptions(size, budgetUnit, encoding, PackOptions.Mode.ANCHORED);
		}
		catch (IllegalArgumentException ex) {
			throw new ChunkerCommand.UsageException(String.valueOf(ex.getMessage()));
		}
	}

	static void write(PrintWriter out, PackedFile packed, String format) {
		switch (format) {
			case "json" -> out.println(ChunkJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(packed.windows()));
			case "table" -> table(out, packed);
			default -> packed.windows().forEach((window) -> out.println(ChunkJson.mapper().writeValueAsString(window)));
		}
	}

	private static void table(PrintWriter out, PackedFile packed) {
		out.printf("%5s %11s %13s %6s %6s  %s%n", "#", "LINES", "BYTES", "NWS", "TOKENS", "WINDOW ID");
		for (PackedWindow window : packed.windows()) {
			out.printf("%5d %11s %13s %6d %6d  %s%s%n", window.windowIndex(), window.startLine() + "-" + window.endLine(),
					window.byteStart() + "-" + window.byteEnd(), window.nwsSize(), window.tokenCount(),
					window.windowId().substring(0, 12), window.overBudget() ? "  (over budget: one line)" : "");
		}
		PackOptions options = packed.options();
		out.printf("%d windows, %s, %d bytes, budget %d %s%n", packed.windows().size(), packed.language(),
				packed.sizeBytes(), options.budget(), options.unit().id());
	}

}
