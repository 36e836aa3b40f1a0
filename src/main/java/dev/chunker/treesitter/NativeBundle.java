package dev.chunker.treesitter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

/**
 * The one native library holding the tree-sitter core and every grammar, built at build time from pinned sources
 * and packaged in the jar. It is extracted once into a directory named after its hash, so concurrent JVMs and
 * different versions never overwrite each other, and opened once for the life of the process.
 */
public final class NativeBundle {

	static final String RESOURCE_DIR = "/natives/linux-x86_64/";

	static final String LIBRARY = "libtree-sitter-bundle.so";

	/** System property overriding the extraction directory (needed when the temp directory is mounted noexec). */
	public static final String DIR_PROPERTY = "chunker.natives.dir";

	private static volatile @Nullable SymbolLookup lookup;

	private static volatile @Nullable Properties grammars;

	private NativeBundle() {
	}

	/** The process-wide symbol lookup of the bundle; never closed, as {@code Language} objects point into it. */
	public static SymbolLookup lookup() {
		SymbolLookup result = lookup;
		if (result == null) {
			synchronized (NativeBundle.class) {
				result = lookup;
				if (result == null) {
					result = SymbolLookup.libraryLookup(extract(), Arena.global());
					lookup = result;
				}
			}
		}
		return result;
	}

	/** Package name and version of every grammar symbol, as recorded by the native build. */
	public static Properties grammarVersions() {
		Properties result = grammars;
		if (result == null) {
			result = new Properties();
			try (InputStream in = resource("grammars.properties")) {
				result.load(in);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			grammars = result;
		}
		return result;
	}

	private static Path extract() {
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		String arch = System.getProperty("os.arch", "");
		if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
			throw new IllegalStateException("the tree-sitter natives are built for linux/x86_64 only, not " + os + "/" + arch);
		}
		try {
			String hash;
			try (InputStream in = resource(LIBRARY + ".sha256")) {
				hash = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
			}
			Path base = Path.of(System.getProperty(DIR_PROPERTY, System.getProperty("java.io.tmpdir")));
			Path dir = base.resolve("chunker-ts-" + hash.substring(0, 16));
			Path target = dir.resolve(LIBRARY);
			if (!Files.isRegularFile(target)) {
				Files.createDirectories(dir);
				Path tmp = Files.createTempFile(dir, LIBRARY, ".tmp");
				try (InputStream in = resource(LIBRARY)) {
					Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
				}
				// Atomic, so a concurrent JVM either sees no file or the whole file.
				Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot extract the tree-sitter natives: " + ex.getMessage(), ex);
		}
	}

	private static InputStream resource(String name) throws IOException {
		InputStream in = NativeBundle.class.getResourceAsStream(RESOURCE_DIR + name);
		if (in == null) {
			throw new IOException("resource " + RESOURCE_DIR + name
					+ " is missing: the natives were not built (run the Maven build, which compiles them)");
		}
		return in;
	}

}
