package dev.chunker.query;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation of query parameter values, shared by the command line and the REST API. */
public final class QueryParams {

	private static final Pattern NODE_TYPE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");

	private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

	private QueryParams() {
	}

	public static String repo(String parameter, String value) {
		if (value.isEmpty()) {
			throw new InvalidParameterException(parameter, "must not be empty");
		}
		if (value.length() > 255) {
			throw new InvalidParameterException(parameter, "is longer than 255 characters");
		}
		return value;
	}

	public static String language(String parameter, String value, Set<String> known) {
		if (!known.contains(value)) {
			throw new InvalidParameterException(parameter, "unknown language '" + shorten(value) + "' (one of "
					+ String.join(", ", known.stream().sorted().toList()) + ")");
		}
		return value;
	}

	public static String nodeType(String parameter, String value) {
		if (!NODE_TYPE.matcher(value).matches()) {
			throw new InvalidParameterException(parameter, "'" + shorten(value)
					+ "' is not a node type (letters, digits and '_', such as function_definition)");
		}
		return value;
	}

	/** A return type as written ({@code int}, {@code List<String>}, {@code io::Result<usize>}). */
	public static String returnType(String parameter, String value) {
		String type = value.strip();
		if (type.isEmpty()) {
			throw new InvalidParameterException(parameter, "must name a type");
		}
		if (type.length() > 300) {
			throw new InvalidParameterException(parameter, "is longer than 300 characters");
		}
		return type.replaceAll("\\s+", " ");
	}

	/** {@code true} or {@code false}. */
	public static boolean bool(String parameter, String value) {
		return switch (value) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new InvalidParameterException(parameter, "'" + shorten(value) + "' is not true or false");
		};
	}

	/** A name, or a prefix ending in {@code *}. */
	public static String symbol(String parameter, String value) {
		if (value.isEmpty() || value.equals("*")) {
			throw new InvalidParameterException(parameter, "must name a symbol or a prefix followed by '*'");
		}
		if (value.length() > 1000) {
			throw new InvalidParameterException(parameter, "is longer than 1000 characters");
		}
		if (value.indexOf('*') >= 0 && value.indexOf('*') != value.length() - 1) {
			throw new InvalidParameterException(parameter, "'*' is allowed only at the end (a prefix)");
		}
		return value;
	}

	/** A whole chunk id: 40 hexadecimal digits (upper case is accepted). */
	public static String chunkId(String parameter, String value) {
		String id = value.toLowerCase(Locale.ROOT);
		if (id.length() != 40 || !HEX.matcher(id).matches()) {
			throw new InvalidParameterException(parameter, "'" + shorten(value) + "' is not a chunk id (40 hexadecimal digits)");
		}
		return id;
	}

	/** A chunk id or a prefix of one of at least 4 hexadecimal digits. */
	public static String chunkIdPrefix(String parameter, String value) {
		String id = value.toLowerCase(Locale.ROOT);
		if (id.length() < 4 || id.length() > 40 || !HEX.matcher(id).matches()) {
			throw new InvalidParameterException(parameter,
					"'" + shorten(value) + "' is not a chunk id (4 to 40 hexadecimal digits)");
		}
		return id;
	}

	public static long nonNegative(String parameter, String value) {
		return longInRange(parameter, value, 0, Long.MAX_VALUE);
	}

	public static long positive(String parameter, String value) {
		return longInRange(parameter, value, 1, Long.MAX_VALUE);
	}

	public static int intInRange(String parameter, String value, int min, int max) {
		return (int) longInRange(parameter, value, min, max);
	}

	public static long longInRange(String parameter, String value, long min, long max) {
		long number;
		try {
			if (!value.matches("[+-]?[0-9]{1,19}")) {
				throw new NumberFormatException();
			}
			number = Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new InvalidParameterException(parameter, "'" + shorten(value) + "' is not an integer");
		}
		if (number < min || number > max) {
			throw new InvalidParameterException(parameter, (max == Long.MAX_VALUE) ? "must be at least " + min
					: "must be between " + min + " and " + max);
		}
		return number;
	}

	static String shorten(String value) {
		return (value.length() <= 60) ? value : value.substring(0, 57) + "...";
	}

}
