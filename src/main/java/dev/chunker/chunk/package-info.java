/** chunk */
@NullMarked
package dev.chunker.chunk;

import org.jspecify.annotations.NullMarked;
