package dev.chunker.job;

import dev.chunker.chunk.FileChunker;
import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import dev.chunker.store.ChunkDao;
import dev.chunker.store.ContentDao;
import dev.chunker.store.FileDao;
import dev.chunker.store.FileErrorDao;
import dev.chunker.store.ManifestDao;
import dev.chunker.store.RepositoryDao;
import dev.chunker.store.RepositoryLockDao;
import dev.chunker.store.RunDao;
import dev.chunker.store.WindowDao;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Shared infrastructure of the index job: the chunker (one parser pool for all workers), the table DAOs,
 * and the bounded platform-thread pool the partitions run on (parsing is CPU-bound native code, which would pin
 * virtual threads anyway).
 */
@Configuration(proxyBeanMethods = false)
// The DAOs are plain classes with one constructor taking the JdbcTemplate: imported, they become beans as they are.
@Import({ RepositoryDao.class, RunDao.class, FileDao.class, ManifestDao.class, ChunkDao.class, ContentDao.class, FileErrorDao.class,
		RepositoryLockDao.class, WindowDao.class })
public class IndexingInfrastructure {

	/** Bean name of the partition thread pool. */
	public static final String PARTITION_EXECUTOR = "partitionExecutor";

	// No AST cache: an unchanged file is skipped by its content hash before any parse and a changed one misses the
	// cache (new mtime), so neither within a run nor across scheduled runs in one process could it ever hit.
	@Bean(destroyMethod = "close")
	ChunkerRuntime chunkerRuntime(ChunkerSettings settings) {
		return settings.newUncachedChunkerRuntime();
	}

	@Bean
	IndexViews indexViews(FileChunker chunker, ChunkerSettings settings) {
		return new IndexViews(chunker, settings);
	}

	@Bean
	FileChunker fileChunker(ChunkerRuntime runtime) {
		return runtime.chunker();
	}

	@Bean
	IndexProgress indexProgress() {
		return new IndexProgress();
	}

	@Bean(PARTITION_EXECUTOR)
	ThreadPoolTaskExecutor partitionExecutor(ChunkerSettings settings) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		int threads = threads(settings);
		executor.setCorePoolSize(threads);
		executor.setMaxPoolSize(threads);
		executor.setThreadNamePrefix("chunk-");
		executor.setWaitForTasksToCompleteOnShutdown(false);
		executor.initialize();
		return executor;
	}

	/** Worker threads: {@code performance.parallel_workers}, or the number of cores when 0. */
	public static int threads(ChunkerSettings settings) {
		int configured = settings.performance().parallelWorkers();
		return (configured > 0) ? configured : Runtime.getRuntime().availableProcessors();
	}

	/** Partitions: {@code index.grid_size}, or four per thread when 0 (short tails, few metadata rows). */
	public static int gridSize(ChunkerSettings settings) {
		int configured = settings.index().gridSize();
		return (configured > 0) ? configured : 4 * threads(settings);
	}

}
