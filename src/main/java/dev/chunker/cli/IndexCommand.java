package dev.chunker.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.chunker.job.DatabaseOutageException;
import dev.chunker.job.DiskFull;
import dev.chunker.job.IndexLauncher;
import dev.chunker.job.IndexOutcome;
import dev.chunker.settings.ChunkerSettings;
import dev.chunker.settings.SettingKey;
import dev.chunker.store.ChunkDao;
import dev.chunker.store.FileError;
import dev.chunker.store.FileErrorDao;
import dev.chunker.store.RunDao;
import dev.chunker.store.RunRecord;
import dev.chunker.store.RunSummary;
import dev.chunker.store.WindowDao;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chunker index DIR}: runs (or resumes) the index job on a directory. */
@Command(name = "index", mixinStandardHelpOptions = true,
		description = "Index a directory into the database (incremental on an existing database; resumes a crashed or failed run).")
final class IndexCommand implements Callable<Integer> {

	@Spec
	@SuppressWarnings("NullAway.Init")
	CommandSpec spec;

	@Parameters(index = "0", paramLabel = "DIR", description = "The repository root.")
	@SuppressWarnings("NullAway.Init")
	Path dir;

	@Option(names = "--repo", paramLabel = "NAME", description = "Repository name (default: the directory name).")
	@Nullable String repo;

	@Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: number of cores).")
	@Nullable Integer threads;

	@Option(names = "--grid-size", paramLabel = "N", description = "Partitions (default: 4 per thread).")
	@Nullable Integer gridSize;

	@Option(names = "--include", paramLabel = "GLOB", description = "Only index matching paths (repeatable).")
	List<String> includes = new ArrayList<>();

	@Option(names = "--exclude", paramLabel = "GLOB", description = "Skip matching paths (repeatable).")
	List<String> excludes = new ArrayList<>();

	@Option(names = "--remote", description = "Run the partitions in 'chunker worker' processes over the broker (needs a shared database).")
	boolean remote;

	@Option(names = "--broker", paramLabel = "AMQP_URL", description = "Broker of --remote (default: remote.broker_url).")
	@Nullable String broker;

	@Mixin
	@SuppressWarnings("NullAway.Init")
	DatabaseOptions options;

	@Override
	public Integer call() throws Exception {
		if (!Files.isDirectory(this.dir)) {
			throw new ChunkerCommand.UsageException(this.dir + " is not a directory");
		}
		if (this.threads != null && this.threads < 1) {
			throw new ChunkerCommand.UsageException("--threads must be at least 1");
		}
		if (this.gridSize != null && this.gridSize < 1) {
			throw new ChunkerCommand.UsageException("--grid-size must be at least 1");
		}
		Map<String, Object> overrides = new HashMap<>();
		if (this.threads != null) {
			overrides.put(SettingKey.PARALLEL_WORKERS.key(), this.threads);
		}
		if (this.gridSize != null) {
			overrides.put(SettingKey.GRID_SIZE.key(), this.gridSize);
		}
		if (this.broker != null) {
			overrides.put(SettingKey.BROKER_URL.key(), this.broker);
		}
		ChunkerSettings settings = this.options.settings(overrides);
		List<String> allIncludes = new ArrayList<>(settings.index().include());
		allIncludes.addAll(this.includes);
		List<String> allExcludes = new ArrayList<>(settings.index().exclude());
		allExcludes.addAll(this.excludes);
		Path root = this.dir.toRealPath();
		String name = (this.repo != null) ? this.repo : root.getFileName().toString();
		String url = this.options.url(settings);
		long started = System.nanoTime();
		if (this.remote) {
			RemoteOptions.requireSharedDatabase(url);
		}
		ConfigurableApplicationContext context = this.remote
				? DatabaseContext.start(settings, url, this.options.verbose, RemoteOptions.MANAGER)
				: DatabaseContext.start(settings, url, this.options.verbose);
		try {
			return index(context, root, name, allIncludes, allExcludes, url, started);
		}
		catch (RuntimeException ex) {
			if (DiskFull.causedBy(ex)) {
				throw new DatabaseFullException(url, ex);
			}
			throw ex;
		}
	}

	private int index(ConfigurableApplicationContext context, Path root, String name, List<String> allIncludes,
			List<String> allExcludes, String url, long started) throws Exception {
		PrintWriter out = this.spec.commandLine().getOut();
		try (GracefulShutdown shutdown = GracefulShutdown.install(context, out, this.spec.commandLine().getErr()); HeapPeak heap = HeapPeak.start()) {
			IndexLauncher launcher = context.getBean(IndexLauncher.class);
			if (!this.options.verbose) {
				out.println("chunker: indexing " + root + " as '" + name + "' into " + DatabaseContext.describe(url));
				out.flush();
			}
			IndexOutcome outcome;
			dev.chunker.job.IndexProgress progress = context.getBean(dev.chunker.job.IndexProgress.class);
			try (AutoCloseable bar = this.options.verbose ? () -> {
			} : ProgressBar.startIfTerminal(progress);
					AutoCloseable watchdog = DiskFullWatchdog.start(url, progress::snapshot, this.spec.commandLine().getErr())) {
				outcome = launcher.index(name, root, allIncludes, allExcludes);
			}
			catch (DatabaseOutageException ex) {
				throw new DatabaseLostException(DatabaseContext.describe(url), ex);
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			RunRecord run = context.getBean(RunDao.class).run(outcome.runId()).orElseThrow();
			printSummary(out, context.getBean(ChunkDao.class), context.getBean(WindowDao.class), context.getBean(FileErrorDao.class), run, outcome, seconds,
					heap.peakMiB(), url);
			EmbeddedFileCompaction.afterRun(context, url, out);
			return outcome.completed() ? ChunkerCommand.OK : ChunkerCommand.FAILED;
		}
	}

	static void printSummary(PrintWriter out, ChunkDao chunks, WindowDao windows, FileErrorDao fileErrors, RunRecord run,
			IndexOutcome outcome, double seconds, long peakHeapMiB, String url) {
		RunSummary s = run.summary();
		double mib = s.bytesScanned() / 1048576.0;
		out.printf(Locale.ROOT, "%s run %d of '%s' (job execution %d)%s%n", outcome.status(), run.runId(),
				run.repoName(), outcome.jobExecutionId(), outcome.resumed() ? ", resumed" : "");
		out.printf(Locale.ROOT, "  files    %d scanned, %d new, %d changed, %d unchanged, %d deleted, %d failed%n",
				s.filesScanned(), s.filesNew(), s.filesChanged(), s.filesUnchanged(), s.filesDeleted(), s.filesFailed());
		out.printf(Locale.ROOT, "  chunks   %d written, %d deleted%n", s.chunksWritten(), s.chunksDeleted());
		long stored = windows.count(run.repoId());
		if (stored > 0) {
			long over = windows.overBudget(run.repoId());
			out.printf(Locale.ROOT, "  windows  %d stored (the packed view)%s%n", stored,
					(over > 0) ? ", " + over + " over budget: a single line too long to split" : "");
		}
		out.printf(Locale.ROOT, "  volume   %.1f MiB in %.1f s: %.1f MiB/s, %.0f files/s; peak heap %d MiB%n", mib, seconds,
				mib / Math.max(seconds, 1e-3), s.filesScanned() / Math.max(seconds, 1e-3), peakHeapMiB);
		Map<String, Long> perLanguage = chunks.chunksPerLanguage(run.repoId());
		if (!perLanguage.isEmpty()) {
			StringBuilder languages = new StringBuilder();
			perLanguage.forEach((language, count) -> languages.append(languages.isEmpty() ? "" : ", ").append(language)
				.append(' ').append(count));
			out.println("  indexed  " + languages + " chunks");
		}
		List<FileError> errors = fileErrors.errors(run.runId());
		if (!errors.isEmpty()) {
			out.println("  failures:");
			for (FileError error : errors) {
				out.println("    " + error.path() + ": " + error.message() + " [" + error.reason() + "]");
			}
		}
		if (!outcome.completed()) {
			out.println("  " + outcome.reason());
			out.println("  run 'chunker index' again (or 'chunker restart') to resume it");
		}
		out.println("  database " + DatabaseContext.describe(url));
		out.flush();
	}

}
