package dev.chunker.job;

import java.nio.file.Path;
import java.util.List;

import dev.chunker.chunk.FileChunker;
import dev.chunker.scan.SourceScanner;
import dev.chunker.settings.ChunkerSettings;
import dev.chunker.store.ChunkDao;
import dev.chunker.store.ContentDao;
import dev.chunker.store.FileDao;
import dev.chunker.store.FileErrorDao;
import dev.chunker.store.ManifestDao;
import dev.chunker.store.ManifestEntry;
import dev.chunker.store.RunDao;
import dev.chunker.store.WindowDao;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The index job: {@code scan} (manifest) → {@code chunkFiles} (partitioned by bytes, workers on a thread pool) →
 * {@code finalize} (deletions, summary). Every step runs in the JDBC transaction manager, so a chunk's rows and
 * the reader's restart state commit together.
 */
@Configuration(proxyBeanMethods = false)
public class IndexJobConfiguration {

	@Bean
	Job indexJob(JobRepository jobRepository, Step scanStep, Step chunkFilesStep, Step finalizeStep, RunDao runs) {
		return new JobBuilder(BatchNames.JOB, jobRepository).listener(new RunStatusListener(runs))
			.start(scanStep)
			.next(chunkFilesStep)
			.next(finalizeStep)
			.build();
	}

	@Bean
	Step scanStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, ScanTasklet scanTasklet) {
		return new StepBuilder(BatchNames.STEP_SCAN, jobRepository).tasklet(scanTasklet, transactionManager).build();
	}

	@Bean
	@StepScope
	ScanTasklet scanTasklet(ChunkerSettings settings, FileChunker chunker, IndexViews views, FileDao files, ManifestDao manifest,
			FileErrorDao errors, IndexProgress progress,
			@Value("#{jobParameters['" + BatchNames.PARAM_ROOT + "']}") String root,
			@Value("#{jobParameters['" + BatchNames.PARAM_REPO_ID + "']}") Long repoId,
			@Value("#{jobParameters['" + BatchNames.PARAM_RUN_ID + "']}") Long runId,
			@Value("#{jobParameters['" + BatchNames.PARAM_INCLUDE + "']}") String include,
			@Value("#{jobParameters['" + BatchNames.PARAM_EXCLUDE + "']}") String exclude) {
		SourceScanner scanner = new SourceScanner(chunker.rules(), lines(include), lines(exclude),
				settings.memory().maxFileBytes(), settings.index().useGitignore());
		return new ScanTasklet(scanner, files, manifest, errors, Path.of(root), repoId, runId, IndexingInfrastructure.gridSize(settings),
				views::rulesVersion, progress);
	}

	static List<String> lines(String text) {
		return (text == null || text.isBlank()) ? List.of() : List.of(text.split("\n"));
	}

	@Bean
	Step chunkFilesStep(JobRepository jobRepository, ManifestPartitioner partitioner, Step chunkFilesWorkerStep,
			@Qualifier(IndexingInfrastructure.PARTITION_EXECUTOR) TaskExecutor partitionExecutor, ChunkerSettings settings,
			ObjectProvider<PartitionHandler> remote) {
		PartitionHandler remoteHandler = remote.getIfAvailable();
		if (remoteHandler != null) {
			// Remote mode: the partitions go to the broker and run in worker processes (job.remote).
			return new StepBuilder(BatchNames.STEP_CHUNK_FILES, jobRepository)
				.partitioner(BatchNames.STEP_CHUNK_FILES_WORKER, partitioner)
				.partitionHandler(remoteHandler)
				.build();
		}
		return new StepBuilder(BatchNames.STEP_CHUNK_FILES, jobRepository)
			.partitioner(BatchNames.STEP_CHUNK_FILES_WORKER, partitioner)
			.step(chunkFilesWorkerStep)
			.gridSize(IndexingInfrastructure.gridSize(settings))
			.taskExecutor(partitionExecutor)
			.build();
	}

	@Bean
	@StepScope
	ManifestPartitioner manifestPartitioner(ManifestDao manifest,
			@Value("#{jobParameters['" + BatchNames.PARAM_RUN_ID + "']}") Long runId) {
		return new ManifestPartitioner(manifest, runId);
	}

	@Bean
	Step chunkFilesWorkerStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ManifestItemReader manifestReader, FileIndexProcessor fileIndexProcessor, FileIndexWriter fileIndexWriter,
			ChunkerSettings settings, ObjectProvider<FileProcessorDecorator> decorators) {
		ItemProcessor<ManifestEntry, FileOutcome> processor = fileIndexProcessor;
		for (FileProcessorDecorator decorator : decorators.orderedStream().toList()) {
			processor = decorator.decorate(processor);
		}
		return new StepBuilder(BatchNames.STEP_CHUNK_FILES_WORKER, jobRepository)
			.<ManifestEntry, FileOutcome>chunk(settings.index().commitInterval())
			.reader(manifestReader)
			.processor(processor)
			.writer(fileIndexWriter)
			.transactionManager(transactionManager)
			.faultTolerant()
			.retry(TransientDataAccessException.class, RecoverableDataAccessException.class)
			.retryLimit(settings.index().dbRetryLimit())
			.build();
	}

	@Bean
	@StepScope
	ManifestItemReader manifestReader(ManifestDao manifest,
			@Value("#{jobParameters['" + BatchNames.PARAM_REPO_ID + "']}") Long repoId,
			@Value("#{jobParameters['" + BatchNames.PARAM_RUN_ID + "']}") Long runId,
			@Value("#{stepExecutionContext['" + BatchNames.CTX_PARTITION + "']}") Integer partition,
			@Value("#{stepExecution.stepName}") String stepName) {
		return new ManifestItemReader(manifest, repoId, runId, (partition != null) ? partition : partitionOf(stepName));
	}

	/**
	 * The partition of a worker step execution from its name ({@code chunkFilesWorker:partition-0007}): a process
	 * killed while the partitions were being created can leave a worker execution whose context was never saved, and
	 * its restart then has only the name.
	 */
	static int partitionOf(String stepName) {
		int dash = stepName.lastIndexOf('-');
		if (dash < 0 || !stepName.substring(dash + 1).matches("\\d+")) {
			throw new IllegalStateException("step " + stepName + " has no partition");
		}
		return Integer.parseInt(stepName.substring(dash + 1));
	}

	@Bean
	@StepScope
	FileIndexProcessor fileIndexProcessor(FileChunker chunker, IndexViews views, ChunkerSettings settings, InFlightJournals journals,
			RootMap rootMap, @Value("#{jobParameters['" + BatchNames.PARAM_ROOT + "']}") String root,
			@Value("#{jobParameters['" + BatchNames.PARAM_REPO + "']}") String repo) {
		return new FileIndexProcessor(chunker, views, rootMap.map(root), settings.memory().streamingThresholdBytes(),
				journals.current(repo));
	}

	@Bean
	@StepScope
	FileIndexWriter fileIndexWriter(FileDao files, ChunkDao chunks, WindowDao windows, ContentDao contents, FileErrorDao errors,
			IndexProgress progress,
			FileChunker chunker, PlatformTransactionManager transactionManager, InFlightJournals journals, RootMap rootMap,
			@Value("#{jobParameters['" + BatchNames.PARAM_REPO + "']}") String repo,
			@Value("#{jobParameters['" + BatchNames.PARAM_REPO_ID + "']}") Long repoId,
			@Value("#{jobParameters['" + BatchNames.PARAM_RUN_ID + "']}") Long runId,
			@Value("#{jobParameters['" + BatchNames.PARAM_ROOT + "']}") String root) {
		StreamedFileIndexer streamed = new StreamedFileIndexer(chunker, chunks, contents, files, rootMap.map(root),
				transactionManager, StreamedFileIndexer.DEFAULT_BATCH, journals.current(repo));
		return new FileIndexWriter(files, chunks, windows, contents, errors, streamed, repoId, runId, progress);
	}

	@Bean
	Step finalizeStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, FinalizeTasklet finalizeTasklet) {
		return new StepBuilder(BatchNames.STEP_FINALIZE, jobRepository).tasklet(finalizeTasklet, transactionManager).build();
	}

	@Bean
	@StepScope
	FinalizeTasklet finalizeTasklet(FileDao files, ChunkDao chunks, WindowDao windows, IndexViews views,
			ContentDao contents, RunDao runs,
			PlatformTransactionManager transactionManager,
			@Value("#{jobParameters['" + BatchNames.PARAM_REPO_ID + "']}") Long repoId,
			@Value("#{jobParameters['" + BatchNames.PARAM_RUN_ID + "']}") Long runId) {
		return new FinalizeTasklet(files, chunks, windows, views.packed(), new OrphanContentSweep(contents, transactionManager),
				runs, repoId, runId);
	}

}
