package dev.chunker.treesitter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import io.github.treesitter.jtreesitter.Language;
import org.jspecify.annotations.Nullable;

/**
 * Loaded grammars, one {@link Language} per exported symbol, shared by all threads (a Language is immutable and
 * points into a library that is never closed). A grammar comes from the native bundle, or from a grammar library of
 * its own: a shared library the user built from a grammar's {@code parser.c} (and {@code scanner.c}) that exports
 * the language function; it is opened once per process and never closed.
 */
public final class Grammars {

	private static final Map<String, Language> LANGUAGES = new ConcurrentHashMap<>();

	private static final Map<Path, GrammarInfo> LIBRARY_INFO = new ConcurrentHashMap<>();

	private Grammars() {
	}

	/** The grammar exported as {@code symbol} (e.g. {@code tree_sitter_python}) by the native bundle. */
	public static Language language(String symbol) {
		return language(symbol, null);
	}

	/**
	 * The grammar exported as {@code symbol} by {@code library}, or by the native bundle when it is null.
	 * @throws IllegalStateException when the library cannot be opened or does not export the symbol
	 */
	public static Language language(String symbol, @Nullable Path library) {
		if (library == null) {
			return LANGUAGES.computeIfAbsent(symbol, (name) -> {
				try {
					return Language.load(NativeBundle.lookup(), name);
				}
				catch (RuntimeException ex) {
					throw new IllegalStateException("grammar symbol " + name + " is not in the native bundle", ex);
				}
			});
		}
		Path file = library.toAbsolutePath().normalize();
		return LANGUAGES.computeIfAbsent(file + "#" + symbol, (key) -> {
			SymbolLookup lookup;
			try {
				// Opened into the global arena: Language objects and their parsers point into it for the process's life.
				lookup = SymbolLookup.libraryLookup(file, Arena.global());
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException("cannot open the grammar library " + file + ": " + ex.getMessage(), ex);
			}
			if (lookup.find(symbol).isEmpty()) {
				throw new IllegalStateException("the grammar library " + file + " does not export " + symbol);
			}
			try {
				return Language.load(lookup, symbol);
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException("the grammar " + symbol + " of " + file + " cannot be used: " + ex.getMessage(), ex);
			}
		});
	}

	/** Name, npm version and ABI version of the grammar exported as {@code symbol} by the native bundle. */
	public static GrammarInfo info(String symbol) {
		return info(symbol, null);
	}

	/**
	 * Name, version and ABI version of a grammar. A grammar library is named by its file name, and its version is a
	 * hash of its bytes, so a rebuilt library re-chunks the files of its language.
	 */
	public static GrammarInfo info(String symbol, @Nullable Path library) {
		int abi = language(symbol, library).getAbiVersion();
		if (library == null) {
			Properties versions = NativeBundle.grammarVersions();
			return new GrammarInfo(symbol, versions.getProperty(symbol + ".package", "?"),
					versions.getProperty(symbol + ".version", "?"), abi);
		}
		Path file = library.toAbsolutePath().normalize();
		return LIBRARY_INFO.computeIfAbsent(file, (path) -> new GrammarInfo(symbol, String.valueOf(path.getFileName()),
				"sha256:" + sha256(path).substring(0, 16), abi));
	}

	private static String sha256(Path file) {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the grammar library " + file + ": " + ex.getMessage(), ex);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	/**
	 * Name and versions of one grammar.
	 * @param symbol the exported language function
	 * @param npmPackage the package its sources came from (for a grammar library: the library's file name)
	 * @param version the package version (for a grammar library: a hash of the library)
	 * @param abiVersion the tree-sitter ABI version of the generated parser
	 */
	public record GrammarInfo(String symbol, String npmPackage, String version, int abiVersion) {

		/** A compact identity used in cache keys and stored with each indexed file. */
		public String fingerprint() {
			return this.npmPackage + "@" + this.version;
		}

	}

}
