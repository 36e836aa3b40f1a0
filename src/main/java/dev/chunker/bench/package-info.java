/**
 * Benchmarks: throughput of reading, parsing, chunking and the whole job on one corpus, in one process, with heap and
 * RSS samples. Only the {@code bench} command runs them; nothing in the index path depends on this package.
 */
@NullMarked
package dev.chunker.bench;

import org.jspecify.annotations.NullMarked;
