package dev.chunker.job;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Failures and slow runs on demand, for the tests only (this class and its registration in
 * {@code META-INF/spring.factories} are on the test class path, which the tests' child processes share). Read once
 * when a context starts: system property {@value #PROPERTY} (or {@value #ENV}) is a glob; processing a file whose
 * path matches it fails the partition as an unexpected error would. System property {@value #SLOW_PROPERTY} (or
 * {@value #SLOW_ENV}) makes each processed file take that many more milliseconds. When neither is set, no decorator
 * is registered and the job runs as in production.
 */
public final class FaultInjection implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String PROPERTY = "chunker.fault.fail-path";

	static final String ENV = "CHUNKER_FAULT_FAIL_PATH";

	static final String SLOW_PROPERTY = "chunker.fault.slow-ms";

	static final String SLOW_ENV = "CHUNKER_FAULT_SLOW_MS";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		String glob = setting(PROPERTY, ENV);
		String slow = setting(SLOW_PROPERTY, SLOW_ENV);
		long slowMillis = (slow != null && slow.matches("\\d{1,9}")) ? Long.parseLong(slow) : 0;
		@Nullable PathMatcher failing = (glob == null || glob.isBlank()) ? null
				: FileSystems.getDefault().getPathMatcher("glob:" + glob);
		if (failing == null && slowMillis == 0) {
			return;
		}
		FileProcessorDecorator decorator = (processor) -> (entry) -> {
			if (slowMillis > 0) {
				pause(slowMillis);
			}
			if (failing != null && failing.matches(Path.of(entry.path()))) {
				throw new InjectedFault("injected failure on " + entry.path() + " (" + PROPERTY + ")");
			}
			return processor.process(entry);
		};
		context.getBeanFactory().registerSingleton("faultInjection", decorator);
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static @Nullable String setting(String property, String env) {
		return System.getProperty(property, System.getenv(env));
	}

	/** The injected failure: not a file problem, so it is not skipped. */
	static final class InjectedFault extends IllegalStateException {

		InjectedFault(String message) {
			super(message);
		}

	}

}
