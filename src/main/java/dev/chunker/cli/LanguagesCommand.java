package dev.chunker.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import dev.chunker.chunk.LanguageRules;
import dev.chunker.settings.ChunkerSettings;
import dev.chunker.treesitter.Grammars;
import dev.chunker.treesitter.Grammars.GrammarInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chunker languages}: languages, extensions, grammar versions and chunk types. */
@Command(name = "languages", description = "List languages, extensions, grammar versions and chunk types.",
		mixinStandardHelpOptions = true)
final class LanguagesCommand implements Callable<Integer> {

	@Spec
	@SuppressWarnings("NullAway.Init")
	CommandSpec spec;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		ChunkerSettings settings = ChunkerSettings.load(null, System.getenv(), java.util.Map.of());
		out.printf("%-11s %-34s %-44s %3s  %s%n", "LANGUAGE", "EXTENSIONS", "GRAMMAR", "ABI", "CHUNK TYPES");
		for (LanguageRules rules : settings.rules().all()) {
			GrammarInfo grammar = Grammars.info(rules.symbol(), rules.library());
			String extensions = String.join(" ", rules.extensions().stream().map((e) -> "." + e).toList());
			String types = String.join(", ", rules.chunkTypes().stream().map(LanguagesCommand::shortType).toList());
			out.printf("%-11s %-34s %-44s %3d  %s%s%n", rules.id(), extensions, grammar.fingerprint(),
					grammar.abiVersion(), types, rules.enabled() ? "" : " (disabled)");
		}
		out.flush();
		return ChunkerCommand.OK;
	}

	/** A raw pattern shows as the node type it starts with. */
	private static String shortType(String type) {
		if (!type.startsWith("(")) {
			return type;
		}
		String inner = type.substring(1);
		int end = 0;
		while (end < inner.length() && (Character.isLetterOrDigit(inner.charAt(end)) || inner.charAt(end) == '_')) {
			end++;
		}
		return inner.substring(0, end) + "*";
	}

}
