package dev.chunker.store;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** The {@code repositories} table: one row per indexed repository name. */
public class RepositoryDao {

	private final JdbcTemplate jdbc;

	public RepositoryDao(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The id of the repository named {@code name}, created (or its root updated) as needed. */
	public long upsertRepository(String name, String rootPath) {
		Optional<Long> existing = repositoryId(name);
		if (existing.isPresent()) {
			this.jdbc.update("UPDATE repositories SET root_path = ? WHERE repo_id = ?", rootPath, existing.get());
			return existing.get();
		}
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.update((con) -> {
			PreparedStatement ps = con.prepareStatement(
					"INSERT INTO repositories (name, root_path, created_at) VALUES (?, ?, ?)", new String[] { "repo_id" });
			ps.setString(1, name);
			ps.setString(2, rootPath);
			ps.setTimestamp(3, Timestamp.from(Instant.now()));
			return ps;
		}, keys);
		return Objects.requireNonNull(keys.getKey(), "no generated repo_id").longValue();
	}

	public Optional<Long> repositoryId(String name) {
		List<Long> ids = this.jdbc.query("SELECT repo_id FROM repositories WHERE name = ?", Rows.LONG, name);
		return ids.stream().findFirst();
	}

}
