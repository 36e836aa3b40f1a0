package dev.chunker.treesitter;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import io.github.treesitter.jtreesitter.Language;

/**
 * Loaded grammars, one {@link Language} per exported symbol, shared by all threads (a Language is immutable and
 * points into the never-closed bundle).
 */
public final class Grammars {

	private static final Map<String, Language> LANGUAGES = new ConcurrentHashMap<>();

	private Grammars() {
	}

	/** The grammar exported as {@code symbol} (e.g. {@code tree_sitter_python}). */
	public static Language language(String symbol) {
		return LANGUAGES.computeIfAbsent(symbol, (name) -> {
			try {
				return Language.load(NativeBundle.lookup(), name);
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException("grammar symbol " + name + " is not in the native bundle", ex);
			}
		});
	}

	/** Name, npm version and ABI version of the grammar exported as {@code symbol}. */
	public static GrammarInfo info(String symbol) {
		Properties versions = NativeBundle.grammarVersions();
		return new GrammarInfo(symbol, versions.getProperty(symbol + ".package", "?"),
				versions.getProperty(symbol + ".version", "?"), language(symbol).getAbiVersion());
	}

	/**
	 * Name and versions of one grammar.
	 * @param symbol the exported language function
	 * @param npmPackage the package its sources came from
	 * @param version the package version
	 * @param abiVersion the tree-sitter ABI version of the generated parser
	 */
	public record GrammarInfo(String symbol, String npmPackage, String version, int abiVersion) {

		/** A compact identity used in cache keys and stored with each indexed file. */
		public String fingerprint() {
			return this.npmPackage + "@" + this.version;
		}

	}

}
