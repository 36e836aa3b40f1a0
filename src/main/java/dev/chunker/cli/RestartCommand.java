package dev.chunker.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.chunker.job.DatabaseOutageException;
import dev.chunker.job.DiskFull;
import dev.chunker.job.IndexLauncher;
import dev.chunker.job.IndexOutcome;
import dev.chunker.settings.ChunkerSettings;
import dev.chunker.store.ChunkDao;
import dev.chunker.store.FileErrorDao;
import dev.chunker.store.RunDao;
import dev.chunker.store.RunRecord;
import dev.chunker.store.WindowDao;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chunker restart [EXECUTION_ID]}: resumes a failed, stopped or crashed run. */
@Command(name = "restart", mixinStandardHelpOptions = true,
		description = "Resume a failed, stopped or crashed run (by job execution id, or the last run of --repo, or the last run).")
final class RestartCommand implements Callable<Integer> {

	@Spec
	@SuppressWarnings("NullAway.Init")
	CommandSpec spec;

	@Parameters(index = "0", arity = "0..1", paramLabel = "EXECUTION_ID")
	@Nullable Long executionId;

	@Option(names = "--remote", description = "Resume with the partitions on 'chunker worker' processes (as 'index --remote').")
	boolean remote;

	@Option(names = "--broker", paramLabel = "AMQP_URL", description = "Broker of --remote (default: remote.broker_url).")
	@org.jspecify.annotations.Nullable String broker;

	@Option(names = "--repo", paramLabel = "NAME")
	@Nullable String repo;

	@Mixin
	@SuppressWarnings("NullAway.Init")
	DatabaseOptions options;

	@Override
	public Integer call() throws Exception {
		ChunkerSettings settings = this.options.settings((this.broker != null)
				? java.util.Map.of(dev.chunker.settings.SettingKey.BROKER_URL.key(), this.broker) : java.util.Map.of());
		String url = this.options.url(settings);
		long started = System.nanoTime();
		if (this.remote) {
			RemoteOptions.requireSharedDatabase(url);
		}
		ConfigurableApplicationContext context = this.remote
				? DatabaseContext.start(settings, url, this.options.verbose, RemoteOptions.MANAGER)
				: DatabaseContext.start(settings, url, this.options.verbose);
		try {
			return restart(context, url, started);
		}
		catch (RuntimeException ex) {
			if (DiskFull.causedBy(ex)) {
				throw new DatabaseFullException(url, ex);
			}
			throw ex;
		}
	}

	private int restart(ConfigurableApplicationContext context, String url, long started) throws Exception {
		PrintWriter out = this.spec.commandLine().getOut();
		try (GracefulShutdown shutdown = GracefulShutdown.install(context, out, this.spec.commandLine().getErr()); HeapPeak heap = HeapPeak.start()) {
			RunDao runs = context.getBean(RunDao.class);
			Optional<RunRecord> run = (this.executionId != null) ? runs.runByExecution(this.executionId)
					: runs.runs(this.repo, 1).stream().findFirst();
			if (run.isEmpty()) {
				throw new ChunkerCommand.UsageException((this.executionId != null)
						? "no run with job execution " + this.executionId : "no run to restart");
			}
			IndexOutcome outcome;
			try (AutoCloseable watchdog = DiskFullWatchdog.start(url,
					context.getBean(dev.chunker.job.IndexProgress.class)::snapshot, this.spec.commandLine().getErr())) {
				outcome = context.getBean(IndexLauncher.class).restart(run.get());
			}
			catch (DatabaseOutageException ex) {
				throw new DatabaseLostException(DatabaseContext.describe(url), ex);
			}
			RunRecord finished = runs.run(outcome.runId()).orElseThrow();
			IndexCommand.printSummary(out, context.getBean(ChunkDao.class), context.getBean(WindowDao.class),
					context.getBean(FileErrorDao.class), finished,
					outcome, (System.nanoTime() - started) / 1e9, heap.peakMiB(), url);
			EmbeddedFileCompaction.afterRun(context, url, out);
			return outcome.completed() ? ChunkerCommand.OK : ChunkerCommand.FAILED;
		}
	}

}
