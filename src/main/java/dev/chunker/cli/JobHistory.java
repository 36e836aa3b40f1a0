package dev.chunker.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.chunker.schedule.JobDefinition;
import dev.chunker.settings.ChunkerSettings;
import dev.chunker.store.RepositoryDao;
import dev.chunker.store.RepositoryLockDao;
import dev.chunker.store.RunDao;
import dev.chunker.store.RunRecord;
import dev.chunker.store.RunStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The last run of each repository of a job, read straight from the runs table of the job's database (no Spring
 * context, no migration; an H2 file that does not exist yet is not created).
 */
final class JobHistory {

	/**
	 * What the database says about a job.
	 * @param lastRuns the last run of each repository that has one
	 * @param running repositories whose lock is held now
	 * @param unavailable why the database could not be read, or ""
	 */
	record State(Map<String, RunRecord> lastRuns, List<String> running, String unavailable) {

		/** Start of the newest last run. */
		Optional<Instant> lastStart() {
			return this.lastRuns.values().stream().map(RunRecord::startedAt).filter((t) -> t != null).map((t) -> (Instant) t)
				.max(Instant::compareTo);
		}

		/** The result over the repositories, e.g. {@code 2 COMPLETED} or {@code 1 COMPLETED, 1 FAILED, 1 never run}. */
		String result(JobDefinition definition) {
			if (!this.unavailable.isEmpty()) {
				return "unknown (" + this.unavailable + ")";
			}
			Map<String, Integer> counts = new LinkedHashMap<>();
			for (JobDefinition.Repository repository : definition.repositories()) {
				RunRecord run = this.lastRuns.get(repository.name());
				String status;
				if (run == null) {
					status = "never run";
				}
				else if (run.status() == RunStatus.STARTED || run.status() == RunStatus.STARTING) {
					status = this.running.contains(repository.name()) ? "RUNNING" : "INTERRUPTED";
				}
				else {
					status = run.status().dbValue();
				}
				counts.merge(status, 1, Integer::sum);
			}
			List<String> parts = new ArrayList<>();
			counts.forEach((status, count) -> parts.add(count + " " + status));
			return String.join(", ", parts);
		}

	}

	private JobHistory() {
	}

	static State read(JobDefinition definition, ChunkerSettings settings) {
		String url = JobWorkspace.url(definition, settings);
		String jdbcUrl = url;
		if (url.startsWith("jdbc:h2:") && !url.toUpperCase(Locale.ROOT).contains("IFEXISTS")) {
			jdbcUrl = url + ";IFEXISTS=TRUE";
		}
		String user = firstNonBlank(definition.database().user(), System.getenv("CHUNKER_DB_USER"),
				settings.database().user(), url.startsWith("jdbc:h2:") ? "sa" : "");
		String password = firstNonBlank(definition.database().password(), System.getenv("CHUNKER_DB_PASSWORD"),
				settings.database().password(), "");
		DriverManagerDataSource dataSource = new DriverManagerDataSource(jdbcUrl, user, password);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		try {
			RepositoryDao repositories = new RepositoryDao(jdbc);
			RunDao runs = new RunDao(jdbc);
			RepositoryLockDao locks = new RepositoryLockDao(jdbc);
			Map<String, RunRecord> lastRuns = new LinkedHashMap<>();
			List<String> running = new ArrayList<>();
			for (JobDefinition.Repository repository : definition.repositories()) {
				Optional<RunRecord> last = repositories.repositoryId(repository.name()).flatMap(runs::lastRun);
				last.ifPresent((run) -> lastRuns.put(repository.name(), run));
				if (locks.isHeld(repository.name())) {
					running.add(repository.name());
				}
			}
			return new State(lastRuns, running, "");
		}
		catch (RuntimeException ex) {
			String message = ChunkerCommand.describe(ex);
			String lower = message.toLowerCase(Locale.ROOT);
			if (lower.contains("not found") || lower.contains("does not exist")) {
				// No database or no tables yet: nothing ran.
				return new State(Map.of(), List.of(), "");
			}
			return new State(Map.of(), List.of(), message);
		}
	}

	private static String firstNonBlank(@Nullable String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return "";
	}

}
