package dev.chunker.job;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * An embedded H2 file that a failed write (a full disk, a machine that lost power) left inconsistent: H2 reports an
 * index entry without its row or a damaged file. No retry or resume can get past it, so the run says what happened
 * and what to do in one sentence instead of H2's own message.
 */
public final class DamagedDatabase {

	/** H2's {@code ROW_NOT_FOUND_IN_PRIMARY_INDEX}: a secondary index entry whose row is gone. */
	static final int ROW_NOT_FOUND_IN_PRIMARY_INDEX = 90143;

	/** H2's {@code FILE_CORRUPTED_1}. */
	static final int FILE_CORRUPTED = 90030;

	private DamagedDatabase() {
	}

	/** Whether {@code failure} (or anything in its cause chain or among its suppressed exceptions) is a damaged H2 file. */
	public static boolean causedBy(Throwable failure) {
		return find(failure, Collections.newSetFromMap(new IdentityHashMap<>())) != null;
	}

	private static @Nullable SQLException find(@Nullable Throwable failure, Set<Throwable> seen) {
		if (failure == null || !seen.add(failure)) {
			return null;
		}
		if (failure instanceof SQLException sql && sql.getSQLState() != null
				&& (sql.getErrorCode() == ROW_NOT_FOUND_IN_PRIMARY_INDEX || sql.getErrorCode() == FILE_CORRUPTED)) {
			return sql;
		}
		for (Throwable suppressed : failure.getSuppressed()) {
			SQLException found = find(suppressed, seen);
			if (found != null) {
				return found;
			}
		}
		return find(failure.getCause(), seen);
	}

	/** The one line for a run that stopped on a damaged H2 file. */
	static String sentence(Throwable failure) {
		SQLException cause = find(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
		String detail = (cause != null && cause.getMessage() != null) ? cause.getMessage().strip().lines().findFirst()
			.orElse("") : "";
		return "the H2 database file is damaged (" + detail + "), most likely by a write that failed on a full disk or"
				+ " a lost machine; index into a new database file (or restore a copy of this one), since this one cannot"
				+ " be resumed";
	}

}
