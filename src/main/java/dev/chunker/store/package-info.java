/**
 * Where a file's row is written: JDBC persistence of the index tables, one repository class per aggregate
 * (repositories, runs, files and the manifest, chunks, errors, locks), and the stored values as enums. Depends on
 * {@code chunk}, Spring JDBC and Flyway (with Boot's migration strategy) only; no Spring Batch type, no job or scan type.
 */
@NullMarked
package dev.chunker.store;

import org.jspecify.annotations.NullMarked;
