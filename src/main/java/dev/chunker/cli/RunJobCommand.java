package dev.chunker.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import dev.chunker.schedule.JobDefinition;
import dev.chunker.schedule.JobDefinitions;
import dev.chunker.schedule.JobResult;
import dev.chunker.schedule.JobRun;
import dev.chunker.schedule.RepositoryResult;
import dev.chunker.store.FileError;
import dev.chunker.store.RunSummary;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chunker run-job NAME|FILE}: runs one job definition once. */
@Command(name = "run-job", mixinStandardHelpOptions = true,
		description = "Run a job definition once: index its repositories one after the other (or N at a time); "
				+ "exit 0 when every repository completed, 1 otherwise.")
final class RunJobCommand implements Callable<Integer> {

	@Spec
	@SuppressWarnings("NullAway.Init")
	CommandSpec spec;

	@Parameters(index = "0", paramLabel = "NAME|FILE", description = "A job's name (in the jobs directory) or a definition file.")
	@SuppressWarnings("NullAway.Init")
	String job;

	@Option(names = "--jobs", paramLabel = "DIR", description = "Directory of job definitions (default: jobs).")
	Path jobs = JobDefinitions.DEFAULT_DIR;

	@Option(names = "--parallel", paramLabel = "N", description = "Repositories indexed at once (default 1).")
	int parallel = 1;

	@Mixin
	@SuppressWarnings("NullAway.Init")
	CommonOptions options;

	@Override
	public Integer call() throws Exception {
		if (this.parallel < 1) {
			throw new ChunkerCommand.UsageException("--parallel must be at least 1");
		}
		JobDefinition definition = JobDefinitions.find(this.job, this.jobs, System.getenv());
		PrintWriter out = this.spec.commandLine().getOut();
		long begin = System.nanoTime();
		JobWorkspace workspace = JobWorkspace.open(definition, this.options.config, System.getenv(), this.parallel, this.options.verbose);
		AtomicReference<@Nullable JobRun> current = new AtomicReference<>();
		Runnable stop = () -> {
			JobRun run = current.get();
			if (run != null) {
				run.stop();
			}
			else {
				workspace.launcher().stopCurrent();
			}
		};
		try (GracefulShutdown shutdown = GracefulShutdown.install(out, this.spec.commandLine().getErr(), stop, workspace, GracefulShutdown.STOP_TIMEOUT_SECONDS)) {
			out.println("chunker: job '" + definition.name() + "' (" + definition.file() + "): "
					+ definition.repositories().size() + " repositories into " + DatabaseContext.describe(workspace.url())
					+ ((this.parallel > 1) ? ", " + this.parallel + " at a time" : ""));
			out.flush();
			JobRun run = new JobRun(definition, workspace.settings(), workspace.launcher(), workspace.runs(),
					workspace.errors(), this.parallel,
					new JobRun.Listener() {
						@Override
						public void finished(RepositoryResult result) {
							synchronized (out) {
								print(out, result);
							}
						}
					});
			current.set(run);
			JobResult result = run.execute();
			out.printf(Locale.ROOT, "chunker: job '%s' %s: %d of %d repositories completed in %.1f s%n", definition.name(),
					result.status(), result.completedCount(), definition.repositories().size(),
					(System.nanoTime() - begin) / 1e9);
			out.flush();
			return result.completed() ? ChunkerCommand.OK : ChunkerCommand.FAILED;
		}
	}

	static void print(PrintWriter out, RepositoryResult result) {
		out.printf(Locale.ROOT, "%s repository '%s'%s in %.1f s%n", result.outcome(), result.repo(),
				(result.runId() != null) ? " (run " + result.runId() + ((result.executionId() != null)
						? ", job execution " + result.executionId() : "") + (result.resumed() ? ", resumed" : "") + ")" : "",
				result.duration().toMillis() / 1000.0);
		RunSummary s = result.summary();
		if (s != null && result.completed()) {
			out.printf(Locale.ROOT, "  files    %d scanned, %d new, %d changed, %d unchanged, %d deleted, %d failed%n",
					s.filesScanned(), s.filesNew(), s.filesChanged(), s.filesUnchanged(), s.filesDeleted(), s.filesFailed());
			out.printf(Locale.ROOT, "  chunks   %d written, %d deleted%n", s.chunksWritten(), s.chunksDeleted());
			out.printf(Locale.ROOT, "  volume   %.1f MiB%n", s.bytesScanned() / 1048576.0);
		}
		if (!result.errors().isEmpty()) {
			out.println("  failures:");
			for (FileError error : result.errors()) {
				out.println("    " + error.path() + ": " + error.message() + " [" + error.reason() + "]");
			}
		}
		if (!result.message().isEmpty()) {
			out.println("  " + result.message());
		}
		out.flush();
	}

}
