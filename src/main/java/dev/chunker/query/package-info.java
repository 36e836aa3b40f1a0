/** query: the read side of the index (searches, change feed, export) and the REST API over it. */
@NullMarked
package dev.chunker.query;

import org.jspecify.annotations.NullMarked;
