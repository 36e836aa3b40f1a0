package dev.chunker.job;

import java.util.List;

import dev.chunker.store.ChunkDao;
import dev.chunker.store.FileDao;
import dev.chunker.store.RunDao;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Step 3: removes files (and their chunks) that are gone from the tree and stores the run's summary. */
public class FinalizeTasklet implements Tasklet {

	private final FileDao files;

	private final ChunkDao chunks;

	private final RunDao runs;

	private final long repoId;

	private final long runId;

	public FinalizeTasklet(FileDao files, ChunkDao chunks, RunDao runs, long repoId, long runId) {
		this.files = files;
		this.chunks = chunks;
		this.runs = runs;
		this.repoId = repoId;
		this.runId = runId;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		int filesRemoved = removeMissingFiles();
		this.runs.summarize(this.repoId, this.runId, filesRemoved);
		return RepeatStatus.FINISHED;
	}

	/** Removes the files (and their chunk rows, logged as deletions) that this run's scan no longer found. */
	private int removeMissingFiles() {
		List<String> gone = this.files.filesMissingFromManifest(this.repoId, this.runId);
		for (String path : gone) {
			this.chunks.deleteFileChunks(this.repoId, this.runId, path);
			this.files.deleteFile(this.repoId, path);
		}
		return gone.size();
	}

}
