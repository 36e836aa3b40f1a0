/** settings */
@NullMarked
package dev.chunker.settings;

import org.jspecify.annotations.NullMarked;
