package dev.chunker.query;

import java.util.ArrayList;
import java.util.List;

/** A WHERE clause under construction: conditions joined with AND and their arguments in order. */
final class WhereClause {

	final StringBuilder text = new StringBuilder();

	final List<Object> args = new ArrayList<>();

	private int conditions;

	void and(String condition, Object... values) {
		this.text.append((this.conditions++ == 0) ? " WHERE " : " AND ").append(condition);
		this.args.addAll(List.of(values));
	}

	String where() {
		return this.text.toString();
	}

	/** Escapes LIKE's wildcards with {@code !} (the ESCAPE character used in every query). */
	static String escapeLike(String value) {
		return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
	}

}
