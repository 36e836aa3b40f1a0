package dev.chunker.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The {@link InFlightJournal} of each repository this process is indexing, and where it is kept: next to an H2 file
 * database ({@code <folder of the database>/<database name>-journal/<repo>}); for PostgreSQL (or an in-memory H2)
 * under {@code $XDG_STATE_HOME/chunker/journal/<host_port_database>/<repo>} when that variable is set, else
 * {@code data/journal/<host_port_database>/<repo>} under the working directory.
 */
public final class InFlightJournals {

	private final Path base;

	private final Map<String, InFlightJournal> open = new ConcurrentHashMap<>();

	public InFlightJournals(String jdbcUrl) {
		this.base = baseFolder(jdbcUrl, System.getenv("XDG_STATE_HOME"));
	}

	static Path baseFolder(String jdbcUrl, @Nullable String stateHome) {
		if (jdbcUrl.startsWith("jdbc:h2:")) {
			String location = jdbcUrl.substring("jdbc:h2:".length());
			int semicolon = location.indexOf(';');
			location = (semicolon >= 0) ? location.substring(0, semicolon) : location;
			location = location.startsWith("file:") ? location.substring("file:".length()) : location;
			boolean local = !location.isEmpty() && !location.matches("(?i)(mem|tcp|ssl|zip|split|nio\\w*|async|retry):.*");
			if (local) {
				if (location.startsWith("~")) {
					location = System.getProperty("user.home") + location.substring(1);
				}
				Path database = Path.of(location).toAbsolutePath().normalize();
				Path parent = database.getParent();
				if (parent != null && database.getFileName() != null) {
					return parent.resolve(database.getFileName() + "-journal");
				}
			}
		}
		Path journals = (stateHome != null && !stateHome.isBlank()) ? Path.of(stateHome, "chunker", "journal")
				: Path.of("data", "journal").toAbsolutePath();
		return journals.resolve(databaseName(jdbcUrl));
	}

	/**
	 * A folder name for a server database: its host, port and name ({@code 127.0.0.1_5432_chunker}), so that two
	 * databases indexing repositories of the same name from one working directory keep apart journals.
	 */
	static String databaseName(String jdbcUrl) {
		String name = jdbcUrl.replaceFirst("^jdbc:[a-z0-9]+:(//)?", "");
		int parameters = name.indexOf('?');
		name = (parameters >= 0) ? name.substring(0, parameters) : name;
		int semicolon = name.indexOf(';');
		name = (semicolon >= 0) ? name.substring(0, semicolon) : name;
		name = name.replaceAll("[^A-Za-z0-9.-]+", "_").replaceAll("^[._]+|_+$", "");
		return name.isEmpty() ? "default" : name;
	}

	/** The journal folder of a repository (its name, with characters unsafe in a file name replaced). */
	Path folder(String repoName) {
		String safe = repoName.replaceAll("[^A-Za-z0-9._-]", "_");
		if (!safe.equals(repoName) || safe.startsWith(".")) {
			safe = safe + "-" + Integer.toHexString(repoName.hashCode()).toLowerCase(Locale.ROOT);
		}
		return this.base.resolve(safe);
	}

	/**
	 * Opens a repository's journal for a run (counting what a dead process left in flight); a journal that cannot
	 * be written is replaced by one that records nothing, with one line on standard error, and the run goes on.
	 */
	InFlightJournal open(String repoName, Path root) {
		InFlightJournal journal;
		try {
			journal = InFlightJournal.open(folder(repoName), root);
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("warning: no in-flight journal for '" + repoName + "' in " + folder(repoName)
					+ " (" + ex.getMessage() + "); files that crash the parser will not be quarantined");
			journal = InFlightJournal.NONE;
		}
		// One line per file the last run died on: why it is chunked once more, or skipped from now on.
		journal.counted().forEach((path, crash) -> System.err.println((crash.count() < InFlightJournal.QUARANTINE_AFTER)
				? "warning: the last run of '" + repoName + "' died while chunking " + path
						+ "; it is chunked again, and skipped if the process dies on it once more"
				: "warning: the last run of '" + repoName + "' died while chunking " + path + " again ("
						+ crash.count() + " runs in a row); it is skipped until it changes [crashed_parser]"));
		this.open.put(repoName, journal);
		return journal;
	}

	/** Closes a repository's journal at the end of its run. */
	void close(String repoName) {
		InFlightJournal journal = this.open.remove(repoName);
		if (journal != null) {
			journal.close();
		}
	}

	/** The journal of a repository's current run, or one that records nothing when none is open. */
	InFlightJournal current(String repoName) {
		return this.open.getOrDefault(repoName, InFlightJournal.NONE);
	}

}
