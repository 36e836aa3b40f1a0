package dev.chunker.treesitter;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;

import io.github.treesitter.jtreesitter.NativeLibraryLookup;

/**
 * Hands jtreesitter the bundled core library (registered as a service), so no {@code java.library.path} or
 * {@code LD_LIBRARY_PATH} is involved and exactly one copy of the core is loaded.
 */
public final class BundleLibraryLookup implements NativeLibraryLookup {

	@Override
	public SymbolLookup get(Arena arena) {
		return NativeBundle.lookup();
	}

}
