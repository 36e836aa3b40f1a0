package dev.chunker.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.chunker.settings.ChunkerSettings;
import dev.chunker.store.WorkerDao;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chunker workers}: the worker processes of remote mode, live ones and those that stopped beating. */
@Command(name = "workers", mixinStandardHelpOptions = true,
		description = "List the remote workers: id, host, threads, partitions they execute now, last heartbeat.")
final class WorkersCommand implements Callable<Integer> {

	@Spec
	@SuppressWarnings("NullAway.Init")
	CommandSpec spec;

	@Mixin
	@SuppressWarnings("NullAway.Init")
	DatabaseOptions options;

	@Override
	public Integer call() {
		ChunkerSettings settings = this.options.settings(java.util.Map.of());
		String url = this.options.url(settings);
		Duration timeout = settings.remote().workerTimeout();
		try (QueryDatabase database = QueryDatabase.open(settings, url, this.options.verbose, false)) {
			List<WorkerDao.Worker> workers = new WorkerDao(database.jdbc()).all(timeout);
			PrintWriter out = this.spec.commandLine().getOut();
			if (workers.isEmpty()) {
				out.println("no remote workers in " + DatabaseContext.describe(url));
			}
			else {
				out.printf(Locale.ROOT, "%-40s %-5s %7s %-20s %8s %-9s %s%n", "WORKER", "STATE", "THREADS", "QUEUE",
						"FINISHED", "BEAT", "EXECUTING");
				OffsetDateTime now = OffsetDateTime.now();
				for (WorkerDao.Worker worker : workers) {
					long age = Math.max(0, Duration.between(worker.heartbeatAt(), now).toSeconds());
					out.printf(Locale.ROOT, "%-40s %-5s %7d %-20s %8d %-9s %s%n", worker.workerId(),
							worker.live() ? "live" : "gone", worker.threads(), worker.queue(), worker.finished(),
							age + " s ago", worker.partitions().isEmpty() ? "-" : "step executions " + worker.partitions());
				}
			}
			out.flush();
		}
		return ChunkerCommand.OK;
	}

}
