/**
 * Indexing jobs: definitions ({@code jobs/*.yaml}), one run of a definition over its repositories, and the scheduler
 * that runs definitions at their cron times with metrics and health. Starts runs through {@code job}'s launcher and
 * sees only its outcome records, not Spring Batch types.
 */
@NullMarked
package dev.chunker.schedule;

import org.jspecify.annotations.NullMarked;
