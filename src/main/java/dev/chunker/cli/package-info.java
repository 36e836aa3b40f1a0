/**
 * The command line: one picocli command per verb, the Spring contexts each one starts, progress and summaries, and
 * the wording of failures for the terminal (one line; stack traces only with {@code --verbose}). Depends on
 * everything else; nothing depends on it.
 */
@NullMarked
package dev.chunker.cli;

import org.jspecify.annotations.NullMarked;
