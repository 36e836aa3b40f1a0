package dev.chunker.job.remote;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

import dev.chunker.job.BatchNames;
import dev.chunker.job.IndexingInfrastructure;
import dev.chunker.job.RecoveryGate;
import dev.chunker.settings.ChunkerProperties;
import dev.chunker.settings.ChunkerSettings;
import dev.chunker.store.WorkerDao;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepLocator;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.core.MessagingTemplate;

/**
 * The beans of remote mode, present only when the command line asks for them: {@value #MODE} = {@code manager}
 * (the index job's partitioned step sends its partitions to the broker) or {@code worker} (a process that executes
 * them). A local run has none of them and connects to no broker.
 */
@Configuration(proxyBeanMethods = false)
public class RemotePartitioningConfiguration {

	/** The property that selects remote mode. */
	public static final String MODE = "chunker.remote";

	@Bean(destroyMethod = "destroy")
	@ConditionalOnProperty(name = MODE)
	CachingConnectionFactory brokerConnectionFactory(ChunkerSettings settings) {
		ChunkerProperties.BrokerAddress broker = settings.broker(System.getenv());
		CachingConnectionFactory factory = BrokerConnections.connect(broker);
		BrokerConnections.declareQueue(factory, broker, settings.remote().queue());
		return factory;
	}

	@Bean
	@ConditionalOnProperty(name = MODE)
	WorkerDao workerDao(org.springframework.jdbc.core.JdbcTemplate jdbc) {
		return new WorkerDao(jdbc);
	}

	@Bean
	@ConditionalOnProperty(name = MODE, havingValue = "manager")
	PartitionHandler remotePartitionHandler(CachingConnectionFactory brokerConnectionFactory, JobRepository jobRepository,
			WorkerDao workers, ChunkerSettings settings) throws Exception {
		MessagingTemplate messaging = new MessagingTemplate(
				new PartitionRequestSender(new RabbitTemplate(brokerConnectionFactory), settings.remote().queue()));
		MessageChannelPartitionHandler handler = new MessageChannelPartitionHandler();
		handler.setMessagingOperations(messaging);
		handler.setStepName(BatchNames.STEP_CHUNK_FILES_WORKER);
		handler.setJobRepository(jobRepository);
		handler.setPollInterval(settings.remote().pollInterval().toMillis());
		handler.setTimeout(-1);
		handler.setGridSize(IndexingInfrastructure.gridSize(settings));
		handler.afterPropertiesSet();
		return new RemotePartitionHandler(handler, IndexingInfrastructure.gridSize(settings), jobRepository, workers, settings.remote().queue(), settings.remote().pollInterval(),
				settings.remote().workerTimeout(), System.err);
	}

	@Bean
	@ConditionalOnProperty(name = MODE, havingValue = "manager")
	RecoveryGate livePartitionsGate(WorkerDao workers, ChunkerSettings settings, JobRepository jobRepository) {
		return new LivePartitionsGate(workers, settings.remote().workerTimeout(), settings.remote().pollInterval(),
				System.err, jobRepository);
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnProperty(name = MODE, havingValue = "worker")
	RemoteWorker remoteWorker(CachingConnectionFactory brokerConnectionFactory, JobRepository jobRepository,
			WorkerDao workers, ChunkerSettings settings,
			@Qualifier(BatchNames.WORKER_STEP_BEAN) Step chunkFilesWorkerStep) {
		StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
		handler.setJobRepository(jobRepository);
		StepLocator onlyTheWorkerStep = (stepName) -> {
			if (!BatchNames.STEP_CHUNK_FILES_WORKER.equals(stepName)) {
				throw new IllegalArgumentException("this worker executes only " + BatchNames.STEP_CHUNK_FILES_WORKER
						+ ", not " + stepName);
			}
			return chunkFilesWorkerStep;
		};
		handler.setStepLocator(onlyTheWorkerStep);
		long pid = ProcessHandle.current().pid();
		String host = hostName();
		String id = host + ":" + pid + ":" + UUID.randomUUID().toString().substring(0, 8);
		int threads = IndexingInfrastructure.threads(settings);
		return new RemoteWorker(handler, jobRepository, workers, brokerConnectionFactory,
				new RemoteWorker.Identity(id, host, pid, threads, settings.remote().queue()),
				settings.remote().workerTimeout(), System.err);
	}

	static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return ManagementFactory.getRuntimeMXBean().getName();
		}
	}

}
