package dev.chunker.cli;

import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * The log levels of a command that starts no Spring context, taken from the same {@code logging.level.*}
 * properties a context applies (see {@link ContextProperties}), so both kinds of command log alike.
 */
final class LogLevels {

	private static final String PREFIX = "logging.level.";

	private LogLevels() {
	}

	static void apply(Map<String, Object> properties) {
		if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
			return;
		}
		properties.forEach((key, value) -> {
			if (key.startsWith(PREFIX)) {
				String name = key.substring(PREFIX.length());
				Logger logger = context.getLogger("root".equals(name) ? Logger.ROOT_LOGGER_NAME : name);
				logger.setLevel(Level.toLevel(String.valueOf(value), Level.ERROR));
			}
		});
	}

}
