package dev.chunker.job;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;

import org.jspecify.annotations.Nullable;

/**
 * A failure on demand, for the restart tests and for rehearsing recovery: processing a file whose path matches
 * the glob in system property {@code chunker.fault.fail-path} (or {@code CHUNKER_FAULT_FAIL_PATH}) fails the
 * partition as an unexpected error would. Off unless set.
 */
public final class FaultInjection {

	static final String PROPERTY = "chunker.fault.fail-path";

	static final String ENV = "CHUNKER_FAULT_FAIL_PATH";

	private FaultInjection() {
	}

	static void check(String path) {
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
