package dev.chunker.job;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

import dev.chunker.store.H2FileUrl;
import org.jspecify.annotations.Nullable;

/**
 * A failure caused by a full file system under the database: H2's file (or its temporary files) could not be
 * written, or PostgreSQL reported {@code disk_full}. Recognised by type in the cause chain (and in suppressed
 * exceptions, where a failed lock release or rollback puts the first error): an {@link IOException} whose message
 * is the operating system's ENOSPC text (the JDK has no subclass for it), or an {@link SQLException} with SQLSTATE
 * {@code 53100}. Worded here, once, for the run's outcome and for the command line.
 */
public final class DiskFull {

	/** PostgreSQL's {@code disk_full} condition. */
	static final String SQLSTATE_DISK_FULL = "53100";

	/** ENOSPC as the JDK reports it: strerror on Linux and macOS, the system message on Windows. */
	private static final String[] NO_SPACE_TEXTS = { "no space left on device", "not enough space on the disk" };

	private DiskFull() {
	}

	/** Whether {@code failure} (or anything in its cause chain or among its suppressed exceptions) is a full disk. */
	public static boolean causedBy(Throwable failure) {
		return causedBy(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
	}

	private static boolean causedBy(@Nullable Throwable failure, Set<Throwable> seen) {
		if (failure == null || !seen.add(failure)) {
			return false;
		}
		if (isNoSpace(failure)) {
			return true;
		}
		for (Throwable suppressed : failure.getSuppressed()) {
			if (causedBy(suppressed, seen)) {
				return true;
			}
		}
		return causedBy(failure.getCause(), seen);
	}

	private static boolean isNoSpace(Throwable failure) {
		if (failure instanceof SQLException sql && SQLSTATE_DISK_FULL.equals(sql.getSQLState())) {
			return true;
		}
		if (failure instanceof IOException && failure.getMessage() != null) {
			String message = failure.getMessage().toLowerCase(Locale.ROOT);
			for (String text : NO_SPACE_TEXTS) {
				if (message.contains(text)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Where the data of {@code url} lives on disk, for the message: the file of an H2 file database
	 * ({@code NAME.mv.db}, absolute), else the URL without its options (a server database).
	 */
	public static String where(String url) {
		return H2FileUrl.databaseFile(url).map((file) -> "H2 database file " + file)
			.orElseGet(() -> "database " + (url.contains(";") ? url.substring(0, url.indexOf(';')) : url));
	}

	/** The one line for a run that failed on a full disk, naming the database file (or server). */
	public static String sentence(String url) {
		return "no space left on device for the " + where(url)
				+ "; free space there and run 'chunker index' again to resume the run";
	}

	/** The same without knowing the database (the outcome of a run, whose summary names the database). */
	static String sentence() {
		return "no space left on device for the database; free space there and run 'chunker index' again to resume the run";
	}

}
