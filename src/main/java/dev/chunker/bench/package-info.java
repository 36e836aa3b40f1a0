/** Benchmarks: throughput of reading, parsing, chunking and the whole job on one corpus, in one process. */
@NullMarked
package dev.chunker.bench;

import org.jspecify.annotations.NullMarked;
