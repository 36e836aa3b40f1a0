/**
 * Where a partition is made: the directory walk (ignore rules, excludes, size limits, language detection) and the
 * byte-balanced partition plan of the files it found. Depends on {@code chunk} only: it neither reads nor writes the
 * database.
 */
@NullMarked
package dev.chunker.scan;

import org.jspecify.annotations.NullMarked;
