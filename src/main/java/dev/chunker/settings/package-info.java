/**
 * Configuration: the defaults, {@code config/chunker.yaml}, {@code CHUNKER_*} environment variables and flags bound
 * into typed, validated settings, with file, line and key in every error. Depends on the chunking core only.
 */
@NullMarked
package dev.chunker.settings;

import org.jspecify.annotations.NullMarked;
