package dev.chunker.settings;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The table of every configuration key outside {@code languages.*}: its type, default and least value, against
 * which each layer is checked before it is bound into {@link ChunkerProperties}. Callers read the typed sections,
 * and use a key's name only to set it (flags, job definitions). The environment variable of a key is
 * {@code CHUNKER_} followed by the key in upper case with dots as underscores. Listed in
 * {@code docs/configuration.md}.
 */
public enum SettingKey {

	CACHE_SIZE("performance.cache_size", Type.INT, 200, 0),
	CACHE_MAX_MEMORY_MB("performance.cache_max_memory_mb", Type.INT, 1024, 1),
	PARSER_POOL_SIZE("performance.parser_pool_size", Type.INT, 8, 1),
	PARALLEL_WORKERS("performance.parallel_workers", Type.INT, 0, 0),
	PARSE_TIMEOUT_MS("performance.parse_timeout_ms", Type.INT, 60_000, 0),
	MAX_FILE_SIZE_MB("memory.max_file_size_mb", Type.INT, 50, 1),
	STREAMING_CHUNK_SIZE("memory.streaming_chunk_size", Type.INT, 1_048_576, 4096),
	STREAMING_THRESHOLD_MB("memory.streaming_threshold_mb", Type.INT, 16, 1),
	MIN_CHUNK_SIZE("chunking.min_chunk_size", Type.INT, 1, 0),
	MAX_CHUNK_SIZE("chunking.max_chunk_size", Type.INT, 0, 0),
	RULES_FILE("chunking.rules_file", Type.STRING, "", 0),
	VIEWS("chunking.views", Type.LIST, List.of("definitions", "packed"), 0),
	PACKED_BUDGET("chunking.packed.budget", Type.INT, 0, 0),
	PACKED_UNIT("chunking.packed.unit", Type.STRING, "nws_chars", 0),
	PACKED_ENCODING("chunking.packed.encoding", Type.STRING, "cl100k_base", 0),
	DB_URL("database.url", Type.STRING, "", 0),
	DB_USER("database.user", Type.STRING, "", 0),
	DB_PASSWORD("database.password", Type.STRING, "", 0),
	DB_OUTAGE_TOLERANCE_S("database.outage_tolerance_s", Type.INT, 60, 0),
	GRID_SIZE("index.grid_size", Type.INT, 0, 0),
	COMMIT_INTERVAL("index.commit_interval", Type.INT, 20, 1),
	INCLUDE("index.include", Type.LIST, List.of(), 0),
	EXCLUDE("index.exclude", Type.LIST, List.of(), 0),
	USE_GITIGNORE("index.use_gitignore", Type.BOOLEAN, true, 0),
	DB_RETRY_LIMIT("index.db_retry_limit", Type.INT, 3, 0),
	LOCK_TTL_SECONDS("index.lock_ttl_seconds", Type.INT, 60, 2),
	BROKER_URL("remote.broker_url", Type.STRING, "amqp://guest:guest@127.0.0.1:5672", 0),
	REMOTE_QUEUE("remote.queue", Type.STRING, "chunker.partitions", 0),
	REMOTE_POLL_INTERVAL_MS("remote.poll_interval_ms", Type.INT, 1000, 100),
	REMOTE_WORKER_TIMEOUT_S("remote.worker_timeout_s", Type.INT, 60, 1);

	private final String key;

	private final Type type;

	private final Object defaultValue;

	private final int min;

	SettingKey(String key, Type type, Object defaultValue, int min) {
		this.key = key;
		this.type = type;
		this.defaultValue = defaultValue;
		this.min = min;
	}

	public String key() {
		return this.key;
	}

	public Object defaultValue() {
		return this.defaultValue;
	}

	public String envName() {
		return "CHUNKER_" + this.key.toUpperCase(Locale.ROOT).replace('.', '_');
	}

	static @Nullable SettingKey byKey(String key) {
		for (SettingKey setting : values()) {
			if (setting.key.equals(key)) {
				return setting;
			}
		}
		return null;
	}

	Object convert(@Nullable Object value, String where) {
		String name = this.key + " (" + where + ")";
		return switch (this.type) {
			case INT -> toInt(value, name, this.min);
			case BOOLEAN -> toBoolean(value, name);
			case STRING -> (value == null) ? "" : value.toString();
			case LIST -> toList(value, name);
		};
	}

	static int toInt(@Nullable Object value, String name, int min) {
		int result;
		if (value instanceof Integer i) {
			result = i;
		}
		else if (value instanceof Long l && l <= Integer.MAX_VALUE && l >= Integer.MIN_VALUE) {
			result = l.intValue();
		}
		else if (value instanceof String s && s.trim().matches("-?\\d{1,10}")) {
			result = Integer.parseInt(s.trim());
		}
		else {
			throw new SettingsException(name + " must be a whole number, was '" + value + "'");
		}
		if (result < min) {
			throw new SettingsException(name + " must be at least " + min + ", was " + result);
		}
		return result;
	}

	static boolean toBoolean(@Nullable Object value, String name) {
		if (value instanceof Boolean b) {
			return b;
		}
		if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
			return Boolean.parseBoolean(s);
		}
		throw new SettingsException(name + " must be true or false, was '" + value + "'");
	}

	static List<String> toList(@Nullable Object value, String name) {
		if (value instanceof List<?> list) {
			return list.stream().map((item) -> {
				if (!(item instanceof String s) || s.isBlank()) {
					throw new SettingsException(name + " must be a list of non-empty strings");
				}
				return s;
			}).toList();
		}
		if (value instanceof String s) {
			// Environment variables carry lists as comma-separated text.
			return List.of(s.split(",")).stream().map(String::trim).filter((v) -> !v.isEmpty()).toList();
		}
		throw new SettingsException(name + " must be a list, was '" + value + "'");
	}

	enum Type {

		INT, BOOLEAN, STRING, LIST

	}

}
