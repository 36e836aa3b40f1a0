/** job */
@NullMarked
package dev.chunker.job;

import org.jspecify.annotations.NullMarked;
