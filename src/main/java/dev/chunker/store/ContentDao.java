package dev.chunker.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.util.List;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code contents} table: the bytes of each file version once, keyed by their SHA-1 and shared by all file rows
 * (of any repository) with those bytes. Writes run in the caller's transaction, before the file row that points at
 * the content, and leave the content row locked until that transaction ends, so an orphan sweep running at the same
 * time cannot delete it (see {@link #deleteIfOrphan}).
 */
public class ContentDao {

	private final JdbcTemplate jdbc;

	private final DatabaseVendor vendor;

	public ContentDao(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.vendor = new DatabaseVendor(jdbc);
	}

	/** Stores {@code data} under {@code contentHash} unless a row with that hash exists; either way the row is locked. */
	public void store(String contentHash, byte[] data) {
		store(contentHash, data.length, () -> new ByteArrayInputStream(data));
	}

	/**
	 * Stores {@code size} bytes read from {@code data} (opened only when no row with that hash exists yet) under
	 * {@code contentHash}.
	 */
	public void store(String contentHash, long size, ContentSource data) {
		if (this.vendor.isPostgres()) {
			// The update on conflict takes the row lock that DO NOTHING would not; it rewrites no data.
			insert("INSERT INTO contents (content_hash, size_bytes, data) VALUES (?, ?, ?) "
					+ "ON CONFLICT (content_hash) DO UPDATE SET size_bytes = EXCLUDED.size_bytes", contentHash, size, data);
			return;
		}
		if (lock(contentHash)) {
			return;
		}
		try {
			insert("INSERT INTO contents (content_hash, size_bytes, data) VALUES (?, ?, ?)", contentHash, size, data);
		}
		catch (DataIntegrityViolationException ex) {
			// Another transaction stored the same bytes first (identical files in two partitions): use its row.
			if (!lock(contentHash)) {
				throw ex;
			}
		}
	}

	private void insert(String sql, String contentHash, long size, ContentSource data) {
		try (InputStream in = data.open()) {
			this.jdbc.update((connection) -> {
				PreparedStatement statement = connection.prepareStatement(sql);
				statement.setString(1, contentHash);
				statement.setLong(2, size);
				statement.setBinaryStream(3, in, size);
				return statement;
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Locks the content row with this hash; false when there is none. */
	private boolean lock(String contentHash) {
		return this.jdbc.update("UPDATE contents SET size_bytes = size_bytes WHERE content_hash = ?", contentHash) > 0;
	}

	/** The hashes of the content rows no file row points at. */
	public List<String> orphans() {
		return this.jdbc.query("SELECT ct.content_hash FROM contents ct WHERE NOT EXISTS "
				+ "(SELECT 1 FROM files f WHERE f.stored_content_hash = ct.content_hash)", Rows.STRING);
	}

	/**
	 * Deletes one content row if no file row points at it. Run each in a transaction of its own: it then holds one
	 * row lock, so it cannot deadlock with a run writing at the same time. The row is locked before the check, so a
	 * file row that a run committed while this waited for the lock is seen and the content stays (checking in the
	 * delete statement alone misses it on H2); the foreign key backs this up.
	 * @return whether it was deleted
	 */
	public boolean deleteIfOrphan(String contentHash) {
		try {
			if (this.jdbc.query("SELECT content_hash FROM contents WHERE content_hash = ? FOR UPDATE", Rows.STRING,
					contentHash).isEmpty()) {
				return false;
			}
			return this.jdbc.update("DELETE FROM contents WHERE content_hash = ? AND NOT EXISTS "
					+ "(SELECT 1 FROM files f WHERE f.stored_content_hash = contents.content_hash)", contentHash) > 0;
		}
		catch (DataIntegrityViolationException ex) {
			// Pointed at by a file row committed meanwhile: in use again.
			return false;
		}
	}

	/** How many content rows there are and the bytes they hold: what {@code chunker gc} reports. */
	public Totals totals() {
		return this.jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(size_bytes), 0) FROM contents",
				(rs, i) -> new Totals(rs.getLong(1), rs.getLong(2)));
	}

	/**
	 * @param contents content rows
	 * @param bytes the bytes they hold
	 */
	public record Totals(long contents, long bytes) {
	}

	/** Where stored bytes come from. */
	@FunctionalInterface
	public interface ContentSource {

		InputStream open();

	}

}
