package dev.chunker.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import dev.chunker.schedule.JobDefinition;
import dev.chunker.schedule.JobDefinitions;

import dev.chunker.settings.ChunkerSettings;
import dev.chunker.store.FileError;
import dev.chunker.store.FileErrorDao;
import dev.chunker.store.RunDao;
import dev.chunker.store.RunRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chunker jobs}: lists index runs, then the job definitions with their schedules and last runs. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
		description = "List index runs (newest first), then each job definition's schedule, last run, result and next run.")
final class JobsCommand implements Callable<Integer> {

	private static final DateTimeFormatter NEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

	@Spec
	@SuppressWarnings("NullAway.Init")
	CommandSpec spec;

	@Option(names = "--repo", paramLabel = "NAME", description = "Only this repository.")
	@Nullable String repo;

	@Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N runs (default 50).")
	int limit = 50;

	@Option(names = "--jobs", paramLabel = "DIR", description = "Directory of job definitions (default: jobs, when present).")
	@Nullable Path jobs;

	@Mixin
	@SuppressWarnings("NullAway.Init")
	DatabaseOptions options;

	@Override
	public Integer call() {
		ChunkerSettings settings = this.options.settings(java.util.Map.of());
		PrintWriter out = this.spec.commandLine().getOut();
		try (ConfigurableApplicationContext context = DatabaseContext.start(settings, this.options.url(settings), false)) {
			RunDao runs = context.getBean(RunDao.class);
			FileErrorDao errors = context.getBean(FileErrorDao.class);
			Set<String> shownFailures = new HashSet<>();
			out.printf("%6s %9s %-20s %-10s %-19s %-19s %8s %6s %6s %6s %8s%n", "RUN", "EXECUTION", "REPO", "STATUS", "START",
					"END", "FILES", "NEW", "CHNGD", "FAILED", "CHUNKS");
			for (RunRecord run : runs.runs(this.repo, this.limit)) {
				out.printf("%6d %9s %-20s %-10s %-19s %-19s %8d %6d %6d %6d %8d%n", run.runId(),
						(run.jobExecutionId() != null) ? run.jobExecutionId().toString() : "-", run.repoName(), run.status().dbValue(),
						(run.startedAt() != null) ? TIME.format(run.startedAt()) : "-",
						(run.endedAt() != null) ? TIME.format(run.endedAt()) : "-", run.summary().filesScanned(),
						run.summary().filesNew(), run.summary().filesChanged(), run.summary().filesFailed(),
						run.summary().chunksWritten());
				// The files the newest run of each repository could not chunk, with their reasons (a quarantined
				// poison file among them): what a nightly operator needs to act on, without a query.
				if (run.summary().filesFailed() > 0 && shownFailures.add(run.repoName())) {
					printFailures(out, run, errors.errors(run.runId()));
				}
			}
			out.flush();
		}
		Path dir = (this.jobs != null) ? this.jobs : JobDefinitions.DEFAULT_DIR;
		if (this.jobs != null || Files.isDirectory(dir)) {
			printDefinitions(out, JobDefinitions.loadAll(dir, System.getenv()));
		}
		return ChunkerCommand.OK;
	}

	private static void printFailures(PrintWriter out, RunRecord run, List<FileError> failures) {
		failures.stream().limit(FAILURES_SHOWN).forEach((failure) -> out.printf("%17s %s [%s]%n", "failed", failure.path(),
				failure.reason()));
		if (failures.size() > FAILURES_SHOWN) {
			out.printf("%17s %d more: GET /api/runs/%d or chunker query --repo %s%n", "", failures.size() - FAILURES_SHOWN,
					run.runId(), run.repoName());
		}
	}

	/** Failed files listed under a repository's newest run. */
	private static final int FAILURES_SHOWN = 5;

	private void printDefinitions(PrintWriter out, List<JobDefinition> definitions) {
		out.println();
		out.printf("%-20s %-34s %-19s %-28s %s%n", "JOB", "SCHEDULE", "LAST RUN", "RESULT", "NEXT RUN");
		Instant now = Instant.now();
		for (JobDefinition definition : definitions) {
			JobHistory.State state = JobHistory.read(definition, definition.settings(this.options.config, System.getenv()));
			JobDefinition.Schedule schedule = definition.schedule();
			String next = (schedule == null) ? "on demand (run-job)"
					: schedule.next(now).map((time) -> time.format(NEXT)).orElse("never");
			out.printf("%-20s %-34s %-19s %-28s %s%n", definition.name(), (schedule != null) ? schedule.toString() : "-",
					state.lastStart().map(TIME::format).orElse("-"), state.result(definition), next);
		}
		out.flush();
	}

}
