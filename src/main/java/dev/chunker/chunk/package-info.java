/**
 * Where a chunk is extracted: the chunk model and its ids, the language rules, language detection, the validation of
 * a source file, the extraction of its definitions and of what they declare (signatures, parameters, docs, the
 * file's imports). Depends on {@code treesitter} only; no Spring type.
 */
@NullMarked
package dev.chunker.chunk;

import org.jspecify.annotations.NullMarked;
