package dev.chunker.store;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/** Which database a DAO writes to, learned on first use (the database may be down when the DAO is built). */
final class DatabaseVendor {

	private final JdbcTemplate jdbc;

	private volatile @Nullable Boolean postgres;

	DatabaseVendor(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	boolean isPostgres() {
		Boolean known = this.postgres;
		if (known == null) {
			String product = this.jdbc.execute((ConnectionCallback<String>) (c) -> c.getMetaData().getDatabaseProductName());
			known = "PostgreSQL".equals(product);
			this.postgres = known;
		}
		return known;
	}

}
