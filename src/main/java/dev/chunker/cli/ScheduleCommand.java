package dev.chunker.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.chunker.schedule.JobDefinition;
import dev.chunker.schedule.JobDefinitions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chunker schedule}: runs every job definition at its cron times until stopped. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
		description = "Run the job definitions at their scheduled times until stopped (SIGTERM, Ctrl-C), with health and "
				+ "Prometheus metrics over HTTP.")
final class ScheduleCommand implements Callable<Integer> {

	@Spec
	@SuppressWarnings("NullAway.Init")
	CommandSpec spec;

	@Option(names = "--jobs", paramLabel = "DIR", description = "Directory of job definitions (default: jobs).")
	Path jobs = JobDefinitions.DEFAULT_DIR;

	@Option(names = "--catch-up", description = "At start-up, run the jobs whose last run did not complete, never ran, or missed a scheduled time.")
	boolean catchUp;

	@Option(names = "--port", paramLabel = "P", description = "Port of /actuator/health and /actuator/prometheus (default 8081; 0 = any free port).")
	int port = 8081;

	@Option(names = "--address", paramLabel = "ADDR", description = "Address the HTTP server listens on (default: all).")
	String address = "0.0.0.0";

	@Option(names = "--stop-timeout", paramLabel = "SECONDS", description = "On SIGTERM, how long to wait for running executions to stop (default 60).")
	long stopTimeout = GracefulShutdown.STOP_TIMEOUT_SECONDS;

	@Mixin
	@SuppressWarnings("NullAway.Init")
	CommonOptions options;

	@Override
	public Integer call() throws Exception {
		if (this.port < 0 || this.port > 65535) {
			throw new ChunkerCommand.UsageException("--port must be between 0 and 65535");
		}
		if (this.stopTimeout < 1) {
			throw new ChunkerCommand.UsageException("--stop-timeout must be at least 1");
		}
		PrintWriter out = this.spec.commandLine().getOut();
		List<JobDefinition> all = JobDefinitions.loadAll(this.jobs, System.getenv());
		for (JobDefinition definition : all) {
			// Configuration errors stop the command now, not at the first trigger.
			definition.settings(this.options.config, System.getenv());
			if (definition.schedule() == null) {
				out.println("chunker: job '" + definition.name() + "' (" + definition.file() + ") has no schedule; run it with 'chunker run-job'");
			}
		}
		List<JobDefinition> scheduled = all.stream().filter((d) -> d.schedule() != null).toList();
		if (scheduled.isEmpty()) {
			throw new ChunkerCommand.UsageException("no job definition in " + this.jobs + " has a schedule");
		}
		SchedulerProcess process = SchedulerProcess.start(scheduled, this.options.config, System.getenv(), this.address, this.port,
				this.catchUp, this.options.verbose, out);
		out.println("chunker: scheduling " + scheduled.size() + " jobs from " + this.jobs + "; health and metrics on http://"
				+ ("0.0.0.0".equals(this.address) ? "localhost" : this.address) + ":" + process.port()
				+ "/actuator/health and /actuator/prometheus; stop with SIGTERM or Ctrl-C");
		out.flush();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			out.println("chunker: stopping: no new runs; running executions are stopped and resumed by the next start...");
			out.flush();
			boolean clean = process.shutdown(Duration.ofSeconds(this.stopTimeout));
			out.println(clean ? "chunker: stopped" : "chunker: stopped with runs still going (they are resumed by the next start)");
			out.flush();
			stopped.countDown();
		}, "chunker-shutdown"));
		stopped.await();
		return ChunkerCommand.OK;
	}

}
