package dev.chunker.job.remote;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.chunker.store.WorkerDao;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;

/**
 * The manager's side of a remote partitioned step: Spring Batch's {@link MessageChannelPartitionHandler} in polling
 * mode sends the requests and waits until the job repository shows every partition finished (no reply queue to
 * lose when the manager restarts). Around it, this handler watches the workers' heartbeats: while no worker beats
 * on the queue it says so, and after {@code remote.worker_timeout_s} without one it fails the step with one
 * sentence; the run is then restartable, and its restart sends only the unfinished partitions again.
 */
public final class RemotePartitionHandler implements PartitionHandler {

	private static final Duration SAY_EVERY = Duration.ofSeconds(10);

	private final MessageChannelPartitionHandler delegate;

	private final WorkerDao workers;

	private final String queue;

	private final Duration pollInterval;

	private final Duration workerTimeout;

	private final PrintStream messages;

	private final int gridSize;

	private final JobRepository jobRepository;

	public RemotePartitionHandler(MessageChannelPartitionHandler delegate, int gridSize, JobRepository jobRepository,
			WorkerDao workers, String queue, Duration pollInterval, Duration workerTimeout, PrintStream messages) {
		this.delegate = delegate;
		this.jobRepository = jobRepository;
		this.gridSize = gridSize;
		this.workers = workers;
		this.queue = queue;
		this.pollInterval = pollInterval;
		this.workerTimeout = workerTimeout;
		this.messages = messages;
	}

	@Override
	public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution managerStepExecution)
			throws Exception {
		ExecutorService waiting = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("remote-poll").factory());
		try {
			// Split here, where the step scope of the partitioner is active; the waiting thread only sends and polls.
			Set<StepExecution> partitions = splitter.split(managerStepExecution, this.gridSize);
			StepExecutionSplitter split = new StepExecutionSplitter() {

				@Override
				public String getStepName() {
					return splitter.getStepName();
				}

				@Override
				public Set<StepExecution> split(StepExecution stepExecution, int gridSize) {
					return partitions;
				}

			};
			Future<Collection<StepExecution>> finished = waiting.submit(() -> this.delegate.handle(split, managerStepExecution));
			FrozenPartitionWatch frozen = new FrozenPartitionWatch(this.jobRepository, this.workers, this.queue,
					this.workerTimeout, managerStepExecution.getJobExecutionId(),
					partitions.stream().map(StepExecution::getId).collect(java.util.stream.Collectors.toSet()));
			long lastLive = System.nanoTime();
			long lastSaid = 0;
			boolean said = false;
			while (true) {
				try {
					return finished.get(this.pollInterval.toMillis(), TimeUnit.MILLISECONDS);
				}
				catch (TimeoutException stillRunning) {
					// checked below
				}
				catch (ExecutionException ex) {
					throw (ex.getCause() instanceof Exception cause) ? cause : ex;
				}
				long now = System.nanoTime();
				if (this.workers.liveCount(this.queue, this.workerTimeout) > 0) {
					lastLive = now;
					String stuck = frozen.check(now);
					if (stuck != null) {
						finished.cancel(true);
						throw new WorkersLostException(stuck);
					}
					continue;
				}
				long silent = Duration.ofNanos(now - lastLive).toSeconds();
				if (now - lastLive >= this.workerTimeout.toNanos()) {
					finished.cancel(true);
					throw new WorkersLostException("no remote worker has served queue '" + this.queue + "' for "
							+ silent + " s (remote.worker_timeout_s " + this.workerTimeout.toSeconds()
							+ "); start 'chunker worker' against this database and broker, then run 'chunker index' again to resume");
				}
				if (!said || now - lastSaid >= SAY_EVERY.toNanos()) {
					said = true;
					lastSaid = now;
					this.messages.println("chunker: waiting for a remote worker on queue '" + this.queue + "' (none for "
							+ silent + " s; giving up after " + this.workerTimeout.toSeconds() + " s)");
					this.messages.flush();
				}
			}
		}
		finally {
			waiting.shutdownNow();
		}
	}

	/** No worker beat on the request queue for the worker timeout, or a partition's worker froze. */
	public static final class WorkersLostException extends IllegalStateException {

		WorkersLostException(String message) {
			super(message);
		}

	}

}
