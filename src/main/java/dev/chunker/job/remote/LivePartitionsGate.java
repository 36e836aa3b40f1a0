package dev.chunker.job.remote;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

import dev.chunker.job.RecoveryGate;
import dev.chunker.store.WorkerDao;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Before a remote run whose manager died is recovered: waits while live workers still execute its partitions (the
 * workers go on without a manager, and finish what they took), so that the restart sends only what is unfinished
 * and fails no partition that a live worker is committing. A worker that stops beating stops holding it up.
 */
final class LivePartitionsGate implements RecoveryGate {

	private static final Duration SAY_EVERY = Duration.ofSeconds(10);

	private final WorkerDao workers;

	private final Duration workerTimeout;

	private final Duration pollInterval;

	private final PrintStream messages;

	private final JobRepository jobRepository;

	LivePartitionsGate(WorkerDao workers, Duration workerTimeout, Duration pollInterval, PrintStream messages,
			JobRepository jobRepository) {
		this.workers = workers;
		this.workerTimeout = workerTimeout;
		this.pollInterval = pollInterval;
		this.messages = messages;
		this.jobRepository = jobRepository;
	}

	@Override
	public void awaitBeforeRecovery(JobExecution execution) throws InterruptedException {
		long lastSaid = 0;
		boolean said = false;
		while (true) {
			JobExecution current = this.jobRepository.getJobExecution(execution.getId());
			if (current == null) {
				return;
			}
			List<Long> held = current.getStepExecutions().stream()
				.filter((step) -> step.getStatus() == BatchStatus.STARTED)
				.map(StepExecution::getId)
				.filter((id) -> !this.workers.liveHolders(id, "", this.workerTimeout).isEmpty())
				.toList();
			if (held.isEmpty()) {
				return;
			}
			long now = System.nanoTime();
			if (!said || now - lastSaid >= SAY_EVERY.toNanos()) {
				said = true;
				lastSaid = now;
				this.messages.println("chunker: waiting for " + held.size()
						+ " partitions of the interrupted run that live workers still execute");
				this.messages.flush();
			}
			Thread.sleep(this.pollInterval.toMillis());
		}
	}

}
