/** cli */
@NullMarked
package dev.chunker.cli;

import org.jspecify.annotations.NullMarked;
