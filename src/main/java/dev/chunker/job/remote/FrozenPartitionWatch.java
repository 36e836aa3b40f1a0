package dev.chunker.job.remote;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.chunker.store.WorkerDao;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Notices a partition whose worker froze: STARTED, claimed by no live worker, while some live worker on the queue had
 * a free thread, for longer than the worker timeout. A worker that dies disconnects and its request is redelivered;
 * one that freezes (stopped, swapped out, hung) keeps the request unacknowledged, and with a free thread elsewhere
 * no other request can be what keeps the partition waiting. Such a run is failed so that its restart sends the
 * partition again.
 */
final class FrozenPartitionWatch {

	private final JobRepository jobRepository;

	private final WorkerDao workers;

	private final String queue;

	private final Duration workerTimeout;

	private final long jobExecutionId;

	private final Set<Long> partitionIds;

	private final Map<Long, Long> unclaimedSince = new HashMap<>();

	FrozenPartitionWatch(JobRepository jobRepository, WorkerDao workers, String queue, Duration workerTimeout,
			long jobExecutionId, Set<Long> partitionIds) {
		this.jobRepository = jobRepository;
		this.workers = workers;
		this.queue = queue;
		this.workerTimeout = workerTimeout;
		this.jobExecutionId = jobExecutionId;
		this.partitionIds = partitionIds;
	}

	/** The sentence that fails the run when a partition's worker froze, else null. */
	@Nullable String check(long nowNanos) {
		List<WorkerDao.Worker> live = this.workers.all(this.workerTimeout).stream()
			.filter((worker) -> worker.live() && worker.queue().equals(this.queue))
			.toList();
		Set<Long> claimed = new HashSet<>();
		live.forEach((worker) -> claimed.addAll(worker.partitions()));
		boolean spareThread = live.stream().anyMatch((worker) -> worker.partitions().size() < worker.threads());
		JobExecution execution = this.jobRepository.getJobExecution(this.jobExecutionId);
		if (execution == null) {
			return null;
		}
		for (StepExecution step : execution.getStepExecutions()) {
			long id = step.getId();
			if (!this.partitionIds.contains(id)) {
				continue;
			}
			if (step.getStatus() != BatchStatus.STARTED || claimed.contains(id) || !spareThread) {
				this.unclaimedSince.remove(id);
				continue;
			}
			long since = this.unclaimedSince.computeIfAbsent(id, (key) -> nowNanos);
			if (nowNanos - since >= this.workerTimeout.toNanos()) {
				return "partition " + step.getStepName() + " (step execution " + id + ") has had no live worker for "
						+ Duration.ofNanos(nowNanos - since).toSeconds() + " s while other workers were idle: the worker "
						+ "executing it stopped beating without disconnecting; stop that worker, then run 'chunker index --remote' again to resume";
			}
		}
		return null;
	}

}
