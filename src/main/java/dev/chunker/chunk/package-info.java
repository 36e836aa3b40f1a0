/**
 * Where a chunk is extracted: the chunk model and its ids, the language rules, language detection, the validation of
 * a source file and the extraction of its definitions. Depends on {@code treesitter} only; no Spring type.
 */
@NullMarked
package dev.chunker.chunk;

import org.jspecify.annotations.NullMarked;
