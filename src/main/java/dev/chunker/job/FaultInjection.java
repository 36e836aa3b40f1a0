package dev.chunker.job;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;

import org.jspecify.annotations.Nullable;

/**
 * A failure on demand, for the restart tests and for rehearsing recovery: processing a file whose path matches
 * the glob in system property {@code chunker.fault.fail-path} (or {@code CHUNKER_FAULT_FAIL_PATH}) fails the
 * partition as an unexpected error would. A slow run on demand, for rehearsing stops, locks and overlapping
 * schedules: system property {@code chunker.fault.slow-ms} (or {@code CHUNKER_FAULT_SLOW_MS}) makes each processed
 * file take that many more milliseconds. Both are off unless set.
 */
public final class FaultInjection {

	static final String PROPERTY = "chunker.fault.fail-path";

	static final String ENV = "CHUNKER_FAULT_FAIL_PATH";

	static final String SLOW_PROPERTY = "chunker.fault.slow-ms";

	static final String SLOW_ENV = "CHUNKER_FAULT_SLOW_MS";

	private FaultInjection() {
	}

	static void check(String path) {
		String slow = System.getProperty(SLOW_PROPERTY, System.getenv(SLOW_ENV));
		if (slow != null && slow.matches("\\d{1,9}")) {
			try {
				Thread.sleep(Long.parseLong(slow));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		String glob = System.getProperty(PROPERTY, System.getenv(ENV));
		if (glob == null || glob.isBlank()) {
			return;
		}
		@Nullable PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
		if (matcher.matches(Path.of(path))) {
			throw new InjectedFault("injected failure on " + path + " (" + PROPERTY + ")");
		}
	}

	/** The injected failure: not a file problem, so it is not skipped. */
	public static final class InjectedFault extends IllegalStateException {

		InjectedFault(String message) {
			super(message);
		}

	}

}
