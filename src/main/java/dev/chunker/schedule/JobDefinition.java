package dev.chunker.schedule;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.chunker.settings.ChunkerSettings;
import dev.chunker.settings.SettingKey;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.support.CronExpression;

/**
 * One indexing job, as read from a {@code jobs/*.yaml} file: which repositories to index into which database, with
 * which settings, and when.
 * @param name the job's name (metric tag, {@code run-job NAME})
 * @param file the file it was read from
 * @param schedule when the scheduler runs it, or null for a job that is only run on demand ({@code run-job})
 * @param database where the chunks go
 * @param repositories the repositories, in the order they are indexed
 * @param threads worker threads ({@code performance.parallel_workers}), or null for the settings' value
 * @param remote whether its partitions run in {@code chunker worker} processes over the broker ({@code index --remote})
 * @param options configuration keys (dotted) overriding the configuration file for this job
 */
public record JobDefinition(String name, Path file, @Nullable Schedule schedule, Database database,
		List<Repository> repositories, @Nullable Integer threads, boolean remote, Map<String, Object> options) {

	/**
	 * When a job runs.
	 * @param cron a Spring cron expression with six fields (second minute hour day-of-month month day-of-week)
	 * @param zone the time zone the expression is read in
	 */
	public record Schedule(String cron, ZoneId zone) {

		public CronExpression expression() {
			return CronExpression.parse(this.cron);
		}

		/** The first time after {@code after} that the job is due. */
		public Optional<ZonedDateTime> next(java.time.Instant after) {
			return Optional.ofNullable(expression().next(after.atZone(this.zone)));
		}

		@Override
		public String toString() {
			return "'" + this.cron + "' " + this.zone.getId();
		}

	}

	/**
	 * The database of a job; blank values fall back to the configuration file and the environment.
	 * @param url JDBC URL, or "" for {@code database.url} of the configuration (or the embedded H2 file)
	 * @param user user, or ""
	 * @param password password, or ""
	 */
	public record Database(String url, String user, String password) {

		@Override
		public String toString() {
			return "Database[url=" + this.url + ", user=" + this.user + "]";
		}

	}

	/**
	 * One repository of a job.
	 * @param name its name in the database
	 * @param path its root directory (absolute)
	 * @param include only paths matching these globs are indexed (added to {@code index.include})
	 * @param exclude paths matching these globs are skipped (added to {@code index.exclude})
	 */
	public record Repository(String name, Path path, List<String> include, List<String> exclude) {
	}

	/**
	 * The effective settings of this job: the configuration file (and environment), then the job's options, threads
	 * and database.
	 */
	public ChunkerSettings settings(@Nullable Path configFile, Map<String, String> env) {
		Map<String, Object> overrides = new LinkedHashMap<>(this.options);
		if (this.threads != null) {
			overrides.put(SettingKey.PARALLEL_WORKERS.key(), this.threads);
		}
		if (!this.database.url().isBlank()) {
			overrides.put(SettingKey.DB_URL.key(), this.database.url());
		}
		if (!this.database.user().isBlank()) {
			overrides.put(SettingKey.DB_USER.key(), this.database.user());
		}
		if (!this.database.password().isBlank()) {
			overrides.put(SettingKey.DB_PASSWORD.key(), this.database.password());
		}
		return ChunkerSettings.load(configFile, env, overrides, this.file.toString());
	}

	/** The include globs of a repository: the settings' {@code index.include}, then the repository's. */
	public static List<String> includes(ChunkerSettings settings, Repository repository) {
		List<String> all = new ArrayList<>(settings.index().include());
		all.addAll(repository.include());
		return all;
	}

	/** The exclude globs of a repository: the settings' {@code index.exclude}, then the repository's. */
	public static List<String> excludes(ChunkerSettings settings, Repository repository) {
		List<String> all = new ArrayList<>(settings.index().exclude());
		all.addAll(repository.exclude());
		return all;
	}

}
