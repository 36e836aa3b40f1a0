package dev.chunker.chunk;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import dev.chunker.settings.SettingKey;
import dev.chunker.treesitter.Grammars;
import dev.chunker.treesitter.Grammars.GrammarInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A language whose grammar is a library of its own ({@code library} in a rules file), not the native bundle: the
 * Lua grammar compiled by the test ({@link CrashingGrammar}; no file here holds its crash markers, so it parses as
 * the bundled Lua grammar does), and the errors of a library that is missing or does not export the symbol.
 */
class GrammarLibraryTest {

	@TempDir
	static Path dir;

	static Path library;

	static Path rules;

	@BeforeAll
	static void build() throws Exception {
		library = CrashingGrammar.build(dir.resolve("grammar"));
		rules = CrashingGrammar.rulesFile(dir, library);
	}

	@Test
	void aLanguageChunksWithTheGrammarOfItsLibraryAsWithTheBundledOne() throws Exception {
		ChunkerSettings settings = ChunkerSettings.load(null, Map.of(),
				Map.of(SettingKey.RULES_FILE.key(), rules.toString()));
		LanguageRules crashing = settings.rules().get("crashing_lua");
		assertThat(crashing).isNotNull();
		assertThat(crashing.library()).isEqualTo(library.toAbsolutePath().normalize());
		assertThat(settings.rules().get("lua").library()).isNull();

		String source = AddedLanguageSamplesTest.LUA + "\n--[[ a block comment,\n scanned by the external scanner ]]\n";
		byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
		try (ChunkerRuntime runtime = settings.newChunkerRuntime()) {
			FileChunks own = runtime.chunker().chunk(bytes, "sample.clua", null, null);
			FileChunks bundled = runtime.chunker().chunk(bytes, "sample.lua", null, null);
			ChunkInvariants.assertValid(bytes, own);
			assertThat(own.language()).isEqualTo("crashing_lua");
			assertThat(own.chunks()).isNotEmpty().noneMatch(CodeChunk::hasError);
			assertThat(LanguageSamplesTest.outline(own)).isEqualTo(LanguageSamplesTest.outline(bundled));

			GrammarInfo grammar = runtime.chunker().compiled("crashing_lua").grammar();
			assertThat(grammar.fingerprint()).startsWith(CrashingGrammar.LIBRARY + "@sha256:");
			assertThat(grammar.abiVersion()).isEqualTo(Grammars.info("tree_sitter_lua").abiVersion());
			// What a file's chunks depend on: a rebuilt library (other bytes) re-chunks the language's files.
			assertThat(runtime.chunker().rulesVersion("crashing_lua")).endsWith("|" + grammar.fingerprint());
		}
	}

	@Test
	void aMissingLibraryIsNamedWithItsKey() throws Exception {
		Path bad = dir.resolve("missing.yaml");
		Files.writeString(bad, """
				languages:
				  mine:
				    symbol: tree_sitter_mine
				    library: grammars/libnothing.so
				    chunk_types: [function_definition]
				""");
		assertThatThrownBy(() -> ChunkRules.load(bad)).isInstanceOf(IllegalArgumentException.class)
			.hasMessage(bad + ": languages.mine.library: no such file " + dir.resolve("grammars/libnothing.so"));
	}

	@Test
	void aLibraryWithoutTheSymbolOrNotALibraryFailsInOneLineNamingIt() throws Exception {
		Path rulesFile = dir.resolve("wrong-symbol.yaml");
		Files.writeString(rulesFile, """
				languages:
				  mine:
				    symbol: tree_sitter_mine
				    library: grammar/%s
				    chunk_types: [function_declaration]
				  text:
				    symbol: tree_sitter_text
				    library: program.so
				    chunk_types: [function_declaration]
				""".formatted(CrashingGrammar.LIBRARY));
		// A program, not a library (and an ELF file that says its stack is not executable, or the JVM warns).
		Path program = Files.copy(Path.of(ProcessHandle.current().info().command().orElseThrow()), dir.resolve("program.so"));
		ChunkRules loaded = ChunkRules.load(rulesFile);
		assertThatThrownBy(() -> new CompiledLanguage(loaded.get("mine"))).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("languages.mine: the grammar library " + library + " does not export tree_sitter_mine");
		assertThatThrownBy(() -> new CompiledLanguage(loaded.get("text"))).isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("languages.text: ").hasMessageContaining(" grammar library " + program);
	}

}
