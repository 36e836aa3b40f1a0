/** scan */
@NullMarked
package dev.chunker.scan;

import org.jspecify.annotations.NullMarked;
