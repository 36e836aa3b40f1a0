package dev.chunker.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.chunker.job.RootMap;
import dev.chunker.job.remote.RemoteWorker;
import dev.chunker.settings.ChunkerSettings;
import dev.chunker.settings.SettingKey;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chunker worker}: a long-lived process that executes the partitions of remote index runs. */
@Command(name = "worker", mixinStandardHelpOptions = true,
		description = "Execute the partitions of 'chunker index --remote' runs sent over the broker, until stopped (Ctrl-C, SIGTERM).")
final class WorkerCommand implements Callable<Integer> {

	@Spec
	@SuppressWarnings("NullAway.Init")
	CommandSpec spec;

	@Option(names = "--threads", paramLabel = "N", description = "Partitions executed at once (default: number of cores).")
	@Nullable Integer threads;

	@Option(names = "--broker", paramLabel = "AMQP_URL", description = "Broker (default: remote.broker_url).")
	@Nullable String broker;

	@Option(names = "--root-map", paramLabel = "FROM=TO",
			description = "Read the manager's repository root FROM under TO here (a shared mount at another path).")
	String rootMap = "";

	@Mixin
	@SuppressWarnings("NullAway.Init")
	DatabaseOptions options;

	@Override
	public Integer call() throws Exception {
		if (this.threads != null && this.threads < 1) {
			throw new ChunkerCommand.UsageException("--threads must be at least 1");
		}
		try {
			RootMap.parse(this.rootMap);
		}
		catch (IllegalArgumentException ex) {
			throw new ChunkerCommand.UsageException(String.valueOf(ex.getMessage()));
		}
		Map<String, Object> overrides = new HashMap<>();
		if (this.threads != null) {
			overrides.put(SettingKey.PARALLEL_WORKERS.key(), this.threads);
		}
		if (this.broker != null) {
			overrides.put(SettingKey.BROKER_URL.key(), this.broker);
		}
		ChunkerSettings settings = this.options.settings(overrides);
		String url = this.options.url(settings);
		RemoteOptions.requireSharedDatabase(url);
		ConfigurableApplicationContext context = DatabaseContext.start(settings, url, this.options.verbose,
				RemoteOptions.worker(this.rootMap));
		RemoteWorker worker = context.getBean(RemoteWorker.class);
		Thread stop = new Thread(() -> {
			worker.close();
			context.close();
		}, "worker-stop");
		Runtime.getRuntime().addShutdownHook(stop);
		worker.start();
		PrintWriter out = this.spec.commandLine().getOut();
		out.println("chunker: worker serving queue '" + settings.remote().queue() + "' with "
				+ dev.chunker.job.IndexingInfrastructure.threads(settings) + " threads, database "
				+ DatabaseContext.describe(url) + "; Ctrl-C stops it");
		out.flush();
		worker.awaitClosed();
		return ChunkerCommand.OK;
	}

}
