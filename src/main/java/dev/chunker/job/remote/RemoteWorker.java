package dev.chunker.job.remote;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.client.Channel;
import dev.chunker.job.PartitionRequestCodec;
import dev.chunker.store.WorkerDao;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;

/**
 * A worker process of remote partitioning: {@code threads} consumers on the request queue, each taking one request
 * at a time (prefetch 1) and acknowledging it only after its step execution has ended, so the broker hands the
 * request of a worker that dies to another one. Spring Batch's {@link StepExecutionRequestHandler} executes the
 * same worker step as a local run, from the step execution's last committed state: a partition a dead worker left
 * STARTED resumes after its last chunk, not from scratch. The worker beats in {@code remote_workers} with the
 * partitions it executes, which is how a redelivered request tells a dead holder from a live one (after a broker
 * restart every unacknowledged request is redelivered while its worker still runs it).
 */
public final class RemoteWorker implements ChannelAwareMessageListener, AutoCloseable {

	private static final Duration STOP_WAIT = Duration.ofSeconds(5);

	private final StepExecutionRequestHandler handler;

	private final JobRepository jobRepository;

	private final WorkerDao workers;

	private final ConnectionFactory connections;

	private final Identity identity;

	private final Duration workerTimeout;

	private final PrintStream messages;

	private final Set<Long> executing = ConcurrentHashMap.newKeySet();

	private final AtomicLong finished = new AtomicLong();

	private final CountDownLatch closed = new CountDownLatch(1);

	private @Nullable SimpleMessageListenerContainer container;

	private @Nullable ScheduledExecutorService heart;

	/** Who the worker is and what it serves. */
	public record Identity(String workerId, String host, long pid, int threads, String queue) {
	}

	public RemoteWorker(StepExecutionRequestHandler handler, JobRepository jobRepository, WorkerDao workers,
			ConnectionFactory connections, Identity identity, Duration workerTimeout, PrintStream messages) {
		this.handler = handler;
		this.jobRepository = jobRepository;
		this.workers = workers;
		this.connections = connections;
		this.identity = identity;
		this.workerTimeout = workerTimeout;
		this.messages = messages;
	}

	/** Registers the worker, starts beating and starts consuming. */
	public synchronized void start() {
		this.workers.register(this.identity.workerId(), this.identity.host(), this.identity.pid(), this.identity.threads(),
				this.identity.queue());
		this.workers.forgetStale(this.workerTimeout);
		ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("worker-beat").factory());
		long every = Math.max(250, this.workerTimeout.toMillis() / 4);
		beats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
		this.heart = beats;
		SimpleMessageListenerContainer consumers = new SimpleMessageListenerContainer(this.connections);
		consumers.setQueueNames(this.identity.queue());
		consumers.setAcknowledgeMode(AcknowledgeMode.MANUAL);
		consumers.setPrefetchCount(1);
		consumers.setConcurrentConsumers(this.identity.threads());
		consumers.setMaxConcurrentConsumers(this.identity.threads());
		consumers.setDefaultRequeueRejected(true);
		consumers.setMissingQueuesFatal(false);
		consumers.setMessageListener(this);
		consumers.afterPropertiesSet();
		consumers.start();
		this.container = consumers;
	}

	@Override
	public void onMessage(Message message, @Nullable Channel channel) throws Exception {
		if (channel == null) {
			throw new IllegalStateException("a manual-acknowledge listener needs its channel");
		}
		long tag = message.getMessageProperties().getDeliveryTag();
		StepExecutionRequest request;
		try {
			request = PartitionRequestCodec.decode(message.getBody());
		}
		catch (IllegalArgumentException ex) {
			say(ex.getMessage() + " (dropped)");
			channel.basicReject(tag, false);
			return;
		}
		long id = request.getStepExecutionId();
		String refusal;
		try {
			refusal = refusal(id);
		}
		catch (RuntimeException ex) {
			// The database is away: leave the request to the broker and try again shortly (here or elsewhere).
			say("partition " + id + " put back: " + firstLine(ex));
			Thread.sleep(1_000);
			channel.basicNack(tag, false, true);
			return;
		}
		if (WAIT.equals(refusal)) {
			// Its holder still beats: put the request back, so it is taken over if the holder stops beating and
			// dropped once the holder has finished it.
			Thread.sleep(1_000);
			channel.basicNack(tag, false, true);
			return;
		}
		if (refusal != null) {
			say("partition " + id + " not executed: " + refusal);
			acknowledge(channel, tag);
			return;
		}
		this.executing.add(id);
		try {
			beat();
			StepExecution result = this.handler.handle(request);
			if (result.getStatus() == BatchStatus.FAILED && !result.getFailureExceptions().isEmpty()) {
				say("partition " + id + " FAILED: " + firstLine(result.getFailureExceptions().get(0)));
			}
			this.finished.incrementAndGet();
		}
		catch (RuntimeException ex) {
			say("partition " + id + " put back: " + firstLine(ex));
			channel.basicNack(tag, false, true);
			return;
		}
		finally {
			this.executing.remove(id);
		}
		beat();
		acknowledge(channel, tag);
	}

	/** The refusal of a request whose partition a live worker executes now: wait, do not drop it. */
	private static final String WAIT = "a live worker executes it";

	/**
	 * Why a request is not executed here, or null when it is: its step execution ended already (a request delivered
	 * twice), its run ended (a manager that gave up), or another worker executes it now ({@link #WAIT}). A holder is
	 * alive while its heartbeat is fresh, except one on this host whose process is gone: that one is taken over at once.
	 */
	private @Nullable String refusal(long id) {
		StepExecution execution = this.jobRepository.getStepExecution(id);
		if (execution == null) {
			return "no such step execution";
		}
		if (!execution.getJobExecution().getStatus().isRunning()) {
			return "its job execution " + execution.getJobExecutionId() + " is " + execution.getJobExecution().getStatus();
		}
		BatchStatus status = execution.getStatus();
		if (status != BatchStatus.STARTING && status != BatchStatus.STARTED) {
			return "already " + status;
		}
		if (status == BatchStatus.STARTED) {
			if (this.executing.contains(id)) {
				return "this worker executes it already";
			}
			boolean held = this.workers.liveHolders(id, this.identity.workerId(), this.workerTimeout).stream()
				.anyMatch((holder) -> !holder.host().equals(this.identity.host()) || ProcessHandle.of(holder.pid()).isPresent());
			if (held) {
				return WAIT;
			}
			say("taking over partition " + id + " (" + execution.getStepName() + "), left STARTED by a worker that stopped");
		}
		return null;
	}

	private void acknowledge(Channel channel, long tag) {
		try {
			channel.basicAck(tag, false);
		}
		catch (IOException | RuntimeException ex) {
			// The broker went away meanwhile: it redelivers the request, and the worker that gets it drops it as done.
			say("acknowledgement lost (" + firstLine(ex) + "); the redelivered request will be dropped as finished");
		}
	}

	private void beat() {
		try {
			this.workers.beat(this.identity.workerId(), this.executing, this.finished.get());
		}
		catch (RuntimeException ex) {
			say("heartbeat not written: " + firstLine(ex));
		}
	}

	private void say(String line) {
		this.messages.println("chunker worker: " + line);
		this.messages.flush();
	}

	private static String firstLine(Throwable ex) {
		return String.valueOf(ex.getMessage()).lines().findFirst().orElse(ex.getClass().getSimpleName());
	}

	/** Blocks until the worker is closed (by a signal). */
	public void awaitClosed() throws InterruptedException {
		this.closed.await();
	}

	public long finished() {
		return this.finished.get();
	}

	@Override
	public synchronized void close() {
		SimpleMessageListenerContainer consumers = this.container;
		if (consumers != null) {
			// Bounded: cancelling a consumer waits for the broker's reply, which a broker gone away never sends. The
			// requests still unacknowledged go back to the queue when the process's connection closes.
			Thread stopping = Thread.ofPlatform().daemon().name("worker-consumers-stop").start(consumers::stop);
			try {
				stopping.join(STOP_WAIT.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.container = null;
		}
		ScheduledExecutorService beats = this.heart;
		if (beats != null) {
			beats.shutdownNow();
			this.heart = null;
		}
		try {
			this.workers.remove(this.identity.workerId());
		}
		catch (RuntimeException ex) {
			say("could not remove this worker's row: " + firstLine(ex));
		}
		this.closed.countDown();
	}

}
