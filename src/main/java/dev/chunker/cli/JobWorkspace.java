package dev.chunker.cli;

import java.nio.file.Path;
import java.util.Map;

import dev.chunker.job.IndexLauncher;
import dev.chunker.schedule.JobDefinition;
import dev.chunker.schedule.JobScheduler;
import dev.chunker.settings.ChunkerSettings;
import dev.chunker.store.FileErrorDao;
import dev.chunker.store.RepositoryDao;
import dev.chunker.store.RunDao;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;

/** A job's database opened for a run: the Spring context of the index job on it. */
final class JobWorkspace implements JobScheduler.Workspace {

	private final ChunkerSettings settings;

	private final ConfigurableApplicationContext context;

	private final String url;

	private JobWorkspace(ChunkerSettings settings, ConfigurableApplicationContext context, String url) {
		this.settings = settings;
		this.context = context;
		this.url = url;
	}

	/** The database URL of a job: its own, else the configuration's, else the embedded H2 file. */
	static String url(JobDefinition definition, ChunkerSettings settings) {
		return DatabaseContext.url(definition.database().url(), settings);
	}

	static JobWorkspace open(JobDefinition definition, @Nullable Path config, Map<String, String> env, int parallel,
			boolean verbose) {
		ChunkerSettings settings = definition.settings(config, env);
		String url = url(definition, settings);
		return new JobWorkspace(settings, DatabaseContext.startJob(settings, url, definition.database(), parallel, definition.remote(), verbose), url);
	}

	String url() {
		return this.url;
	}

	@Override
	public ChunkerSettings settings() {
		return this.settings;
	}

	@Override
	public IndexLauncher launcher() {
		return this.context.getBean(IndexLauncher.class);
	}

	@Override
	public RepositoryDao repositories() {
		return this.context.getBean(RepositoryDao.class);
	}

	@Override
	public RunDao runs() {
		return this.context.getBean(RunDao.class);
	}

	@Override
	public FileErrorDao errors() {
		return this.context.getBean(FileErrorDao.class);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
