/**
 * The read side of the index: symbol, path, text and change-feed searches, chunk trees, export, and the REST API over
 * them. Reads the tables the {@code store} writes; never writes them.
 */
@NullMarked
package dev.chunker.query;

import org.jspecify.annotations.NullMarked;
