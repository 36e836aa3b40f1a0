package dev.chunker.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.chunker.schedule.EventLog;
import dev.chunker.schedule.JobDefinition;
import dev.chunker.schedule.JobScheduler;
import dev.chunker.schedule.MonitorApplication;
import dev.chunker.schedule.ScheduleMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What {@code chunker schedule} runs: the monitor web context (Actuator health and Prometheus endpoints on the
 * scheduler's meters) and the {@link JobScheduler}, whose runs each open their job's database.
 */
final class SchedulerProcess {

	private final ConfigurableApplicationContext monitor;

	private final JobScheduler scheduler;

	private SchedulerProcess(ConfigurableApplicationContext monitor, JobScheduler scheduler) {
		this.monitor = monitor;
		this.scheduler = scheduler;
	}

	static SchedulerProcess start(List<JobDefinition> definitions, @Nullable Path config, Map<String, String> env,
			String address, int port, boolean catchUp, boolean verbose, PrintWriter out) {
		MonitorApplication.Holder holder = new MonitorApplication.Holder();
		ConfigurableApplicationContext monitor = startMonitor(holder, address, port, verbose);
		try {
			ScheduleMetrics metrics = new ScheduleMetrics(monitor.getBean(MeterRegistry.class));
			JobScheduler scheduler = new JobScheduler(definitions,
					(definition) -> JobWorkspace.open(definition, config, env, 1, verbose), metrics, new EventLog(out));
			holder.set(scheduler);
			SchedulerProcess process = new SchedulerProcess(monitor, scheduler);
			scheduler.start(catchUp);
			return process;
		}
		catch (RuntimeException ex) {
			monitor.close();
			throw ex;
		}
	}

	private static ConfigurableApplicationContext startMonitor(MonitorApplication.Holder holder, String address, int port,
			boolean verbose) {
		Map<String, Object> properties = ContextProperties.monitor(address, port, verbose);
		try {
			return new SpringApplicationBuilder(MonitorApplication.class).web(WebApplicationType.SERVLET)
				.properties(properties)
				.initializers((context) -> context.getBeanFactory().registerSingleton("jobSchedulerHolder", holder))
				.run();
		}
		catch (RuntimeException ex) {
			throw new MonitorServerException(address, port, ChunkerCommand.describe(ex), ex);
		}
	}

	int port() {
		return DatabaseContext.port(this.monitor);
	}

	JobScheduler scheduler() {
		return this.scheduler;
	}

	/**
	 * Stops the scheduler (running executions end STOPPED), then the web server.
	 * @return whether every run ended within the timeout
	 */
	boolean shutdown(Duration timeout) {
		try {
			return this.scheduler.shutdown(timeout);
		}
		finally {
			this.monitor.close();
		}
	}

}
