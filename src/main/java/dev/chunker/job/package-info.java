/**
 * The Spring Batch index job: its configuration, the scan and finalize tasklets, the partitioner, the worker
 * step's reader, processor and writer, the launcher and the outcome of a run. The only package that speaks Spring
 * Batch; it joins {@code scan}, {@code chunk} and {@code store}.
 */
@NullMarked
package dev.chunker.job;

import org.jspecify.annotations.NullMarked;
