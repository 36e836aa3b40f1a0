package dev.chunker.chunk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A grammar library that crashes the process on purpose, compiled by the tests themselves so that production code
 * needs no fault hook: the real Lua grammar pinned in {@code src/natives/grammars.lock} (fetched with {@code npm pack}
 * from npm's cache, which the native build filled, and checked against the pinned sha256), compiled with gcc into a
 * shared library of its own that exports {@value #SYMBOL}.
 * <p>
 * Its external scanner is the grammar's own, wrapped: Lua's block comments ({@code --[[ ... ]]}) are scanned by it,
 * so tree-sitter asks the scanner for a block comment's content with the lexer on the first character after
 * {@code --[[}. When that character is {@value #ABORT_MARKER} the wrapper calls {@code abort()} (SIGABRT); when it is
 * {@value #SEGV_MARKER} it writes through a null pointer (SIGSEGV, which the JVM turns into a fatal error report).
 * Anything else goes to the real scanner, so every other Lua file parses as with the bundled grammar. Wrapping the
 * real scanner (rather than writing a grammar by hand) keeps the parse tables a generated, pinned parser's; the
 * renames are done by the preprocessor ({@code -D}), so no source of the package is edited.
 */
public final class CrashingGrammar {

	/** The language function the library exports. */
	public static final String SYMBOL = "tree_sitter_crashing_lua";

	/** The library's file name. */
	public static final String LIBRARY = "libcrashing-lua.so";

	/** A block comment starting with this character aborts the process: {@code --[[☠ ...]]}. */
	public static final String ABORT_MARKER = "\u2620";

	/** A block comment starting with this character dereferences a null pointer: {@code --[[☢ ...]]}. */
	public static final String SEGV_MARKER = "\u2622";

	private static final String PACKAGE = "@tree-sitter-grammars/tree-sitter-lua@";

	private static final String WRAPPER = """
			#include <stdlib.h>
			#include "tree_sitter/parser.h"

			/* The grammar's own scan function, renamed when scanner.c was compiled. */
			bool crashing_lua_original_scan(void *payload, TSLexer *lexer, const bool *valid_symbols);

			bool tree_sitter_lua_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid_symbols) {
			  if (lexer->lookahead == 0x2620) {
			    abort();
			  }
			  if (lexer->lookahead == 0x2622) {
			    *(volatile int *) 0 = 1;
			  }
			  return crashing_lua_original_scan(payload, lexer, valid_symbols);
			}
			""";

	private CrashingGrammar() {
	}

	/** Builds the library in {@code dir} (a few seconds) and returns its path. */
	public static Path build(Path dir) throws IOException, InterruptedException {
		Files.createDirectories(dir);
		String[] pinned = pinnedLua();
		String spec = pinned[0];
		Path packed = Files.createDirectories(dir.resolve("npm"));
		// From an empty folder with --prefix on it, as the native build does, so no project .npmrc applies.
		run(packed, "npm", "pack", spec, "--prefer-offline", "--loglevel=error", "--ignore-scripts", "--prefix",
				packed.toString(), "--pack-destination", packed.toString());
		Path tarball;
		try (var files = Files.list(packed)) {
			tarball = files.filter((f) -> f.toString().endsWith(".tgz")).findFirst().orElseThrow();
		}
		assertThat(sha256(tarball)).as("sha256 of " + tarball.getFileName() + " as pinned in grammars.lock").isEqualTo(pinned[1]);
		Path sources = Files.createDirectories(dir.resolve("lua"));
		run(dir, "tar", "-xzf", tarball.toString(), "-C", sources.toString(), "--strip-components=1", "--no-same-owner");
		Path src = sources.resolve("src");
		Path wrapper = dir.resolve("crashing_scanner.c");
		Files.writeString(wrapper, WRAPPER);
		List<String> flags = List.of("-fPIC", "-O1", "-g0", "-std=c11", "-fvisibility=hidden", "-I" + src);
		compile(dir, flags, src.resolve("parser.c"), dir.resolve("parser.o"), "-Dtree_sitter_lua=" + SYMBOL);
		compile(dir, flags, src.resolve("scanner.c"), dir.resolve("scanner.o"),
				"-Dtree_sitter_lua_external_scanner_scan=crashing_lua_original_scan");
		compile(dir, flags, wrapper, dir.resolve("wrapper.o"));
		Path library = dir.resolve(LIBRARY);
		run(dir, "gcc", "-shared", "-o", library.toString(), dir.resolve("parser.o").toString(),
				dir.resolve("scanner.o").toString(), dir.resolve("wrapper.o").toString());
		return library;
	}

	/**
	 * A rules file: the packaged rules, plus the test-only language {@code crashing_lua} (files {@code *.clua}) whose
	 * grammar is {@code library}, with a copy of the bundled {@code lua} rules.
	 */
	public static Path rulesFile(Path dir, Path library) throws IOException {
		String packaged;
		try (InputStream in = CrashingGrammar.class.getResourceAsStream(ChunkRules.DEFAULT_RESOURCE)) {
			assertThat(in).isNotNull();
			packaged = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		Path rules = dir.resolve("languages-with-crashing-lua.yaml");
		// The bundled lua block, every rule as it is, under another name, symbol and extension.
		int from = packaged.indexOf("\n  lua:\n");
		assertThat(from).as("a lua block in the packaged rules").isPositive();
		java.util.regex.Matcher next = java.util.regex.Pattern.compile("\n  [a-z_]+:\n").matcher(packaged);
		int to = next.find(from + 1) ? next.start() : packaged.length();
		StringBuilder block = new StringBuilder("\n  crashing_lua:\n    symbol: " + SYMBOL + "\n    library: "
				+ dir.relativize(library) + "\n    extensions: [clua]\n");
		for (String line : packaged.substring(from + "\n  lua:\n".length(), to).split("\n")) {
			String key = line.strip();
			if (!key.startsWith("symbol:") && !key.startsWith("extensions:") && !key.startsWith("filenames:")
					&& !key.startsWith("shebangs:")) {
				block.append(line).append('\n');
			}
		}
		Files.writeString(rules, packaged + "\n" + block);
		return rules;
	}

	/** The spec and sha256 of the Lua grammar in grammars.lock. */
	private static String[] pinnedLua() throws IOException {
		Path lock = Path.of("src", "natives", "grammars.lock").toAbsolutePath();
		assertThat(lock).as("the test runs in the project directory").isRegularFile();
		for (String line : Files.readAllLines(lock)) {
			if (line.startsWith(PACKAGE)) {
				String[] fields = line.split("\\|");
				return new String[] { fields[0], fields[1] };
			}
		}
		throw new AssertionError("no " + PACKAGE + " line in " + lock);
	}

	private static void compile(Path dir, List<String> flags, Path source, Path object, String... defines)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("gcc", "-c"));
		command.addAll(flags);
		command.addAll(List.of(defines));
		command.addAll(List.of(source.toString(), "-o", object.toString()));
		run(dir, command.toArray(String[]::new));
	}

	private static void run(Path dir, String... command) throws IOException, InterruptedException {
		Path log = Files.createTempFile(dir, "command", ".log");
		Process process = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
			.start();
		boolean done = process.waitFor(3, TimeUnit.MINUTES);
		if (!done) {
			process.destroyForcibly();
		}
		// (npm's errors can name where it fetches from: addresses are left out.)
		String output = Files.readString(log).replaceAll("[A-Za-z][A-Za-z0-9+.-]*://\\S*", "<url>");
		assertThat(done && process.exitValue() == 0).as("%s failed:%n%s", String.join(" ", command), output).isTrue();
	}

	private static String sha256(Path file) throws IOException {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
