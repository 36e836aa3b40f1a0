package dev.chunker.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

import dev.chunker.settings.ChunkerSettings;
import dev.chunker.store.IndexStore;
import dev.chunker.store.RunRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chunker jobs}: lists index runs. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "List index runs (newest first).")
final class JobsCommand implements Callable<Integer> {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

	@Spec
	@SuppressWarnings("NullAway.Init")
	CommandSpec spec;

	@Option(names = "--db", paramLabel = "JDBC_URL", description = "Database (default: H2 file data/chunker).")
	@Nullable String db;

	@Option(names = "--repo", paramLabel = "NAME", description = "Only this repository.")
	@Nullable String repo;

	@Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N runs (default 50).")
	int limit = 50;

	@Option(names = "--config", paramLabel = "FILE")
	@Nullable Path config;

	@Override
	public Integer call() {
		ChunkerSettings settings = ChunkerSettings.load(this.config, System.getenv(), java.util.Map.of());
		PrintWriter out = this.spec.commandLine().getOut();
		try (ConfigurableApplicationContext context = DatabaseContext.start(settings, DatabaseContext.url(this.db, settings), false)) {
			IndexStore store = context.getBean(IndexStore.class);
			out.printf("%6s %9s %-20s %-10s %-19s %-19s %8s %6s %6s %6s %8s%n", "RUN", "EXECUTION", "REPO", "STATUS", "START",
					"END", "FILES", "NEW", "CHNGD", "FAILED", "CHUNKS");
			for (RunRecord run : store.runs(this.repo, this.limit)) {
				out.printf("%6d %9s %-20s %-10s %-19s %-19s %8d %6d %6d %6d %8d%n", run.runId(),
						(run.jobExecutionId() != null) ? run.jobExecutionId().toString() : "-", run.repoName(), run.status(),
						(run.startedAt() != null) ? TIME.format(run.startedAt()) : "-",
						(run.endedAt() != null) ? TIME.format(run.endedAt()) : "-", run.summary().filesScanned(),
						run.summary().filesNew(), run.summary().filesChanged(), run.summary().filesFailed(),
						run.summary().chunksWritten());
			}
			out.flush();
			return ChunkerCommand.OK;
		}
	}

}
