/** store */
@NullMarked
package dev.chunker.store;

import org.jspecify.annotations.NullMarked;
