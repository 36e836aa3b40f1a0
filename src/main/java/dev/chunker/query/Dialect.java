package dev.chunker.query;

import java.sql.DatabaseMetaData;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/** The two databases the index lives in; only text search and regular expressions differ between them. */
public enum Dialect {

	H2, POSTGRESQL;

	static Dialect of(JdbcTemplate jdbc) {
		String product = jdbc.execute((ConnectionCallback<String>) (connection) -> {
			DatabaseMetaData meta = connection.getMetaData();
			return meta.getDatabaseProductName();
		});
		if (product != null && product.toLowerCase(java.util.Locale.ROOT).contains("postgres")) {
			return POSTGRESQL;
		}
		if (product != null && product.equalsIgnoreCase("H2")) {
			return H2;
		}
		throw new IllegalStateException("unsupported database " + product);
	}

	/** A condition that {@code column} matches the (Java and POSIX compatible) regular expression bound next. */
	String regexMatch(String column) {
		return (this == POSTGRESQL) ? column + " ~ ?" : "REGEXP_LIKE(" + column + ", ?)";
	}

}
