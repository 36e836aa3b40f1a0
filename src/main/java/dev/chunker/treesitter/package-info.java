/** treesitter */
@NullMarked
package dev.chunker.treesitter;

import org.jspecify.annotations.NullMarked;
