package dev.chunker.mcp;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.chunker.query.InvalidParameterException;
import org.jspecify.annotations.Nullable;

/**
 * The arguments of one tool call, checked as they are read: an argument the tool does not take, a value of the
 * wrong JSON type or out of range is an {@link InvalidParameterException} naming the argument.
 */
final class ToolArguments {

	private final Map<String, Object> values;

	private ToolArguments(Map<String, Object> values) {
		this.values = values;
	}

	/** The arguments of a call; {@code allowed} are the names the tool takes. */
	static ToolArguments of(@Nullable Map<String, Object> arguments, Set<String> allowed) {
		Map<String, Object> values = (arguments != null) ? arguments : Map.of();
		for (String name : values.keySet()) {
			if (!allowed.contains(name)) {
				throw new InvalidParameterException(name, "is not an argument of this tool (it takes "
						+ (allowed.isEmpty() ? "none" : String.join(", ", new TreeSet<>(allowed))) + ")");
			}
		}
		return new ToolArguments(values);
	}

	/** A string argument, or null when absent (or JSON null); an empty string or one with a NUL is refused. */
	@Nullable String string(String name) {
		Object value = this.values.get(name);
		if (value == null) {
			return null;
		}
		if (!(value instanceof String text)) {
			throw new InvalidParameterException(name, "must be a string");
		}
		if (text.isEmpty()) {
			throw new InvalidParameterException(name, "must not be empty");
		}
		if (text.indexOf('\0') >= 0) {
			throw new InvalidParameterException(name, "contains a NUL character");
		}
		return text;
	}

	String requiredString(String name, String what) {
		String value = string(name);
		if (value == null) {
			throw new InvalidParameterException(name, "is required (" + what + ")");
		}
		return value;
	}

	/** An integer argument between {@code min} and {@code max}, else {@code fallback} when absent. */
	long integer(String name, long min, long max, long fallback) {
		Long value = optionalInteger(name, min, max);
		return (value != null) ? value : fallback;
	}

	@Nullable Long optionalInteger(String name, long min, long max) {
		Object value = this.values.get(name);
		if (value == null) {
			return null;
		}
		long number;
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			number = ((Number) value).longValue();
		}
		else if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
				&& Math.abs(n.doubleValue()) < 9.0e18) {
			number = n.longValue();
		}
		else {
			throw new InvalidParameterException(name, "must be an integer");
		}
		if (number < min || number > max) {
			throw new InvalidParameterException(name, (max == Long.MAX_VALUE) ? "must be at least " + min
					: "must be between " + min + " and " + max);
		}
		return number;
	}

	boolean has(String name) {
		return this.values.get(name) != null;
	}

}
