package dev.chunker.job;

import dev.chunker.store.IndexStore;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Step 3: removes files (and their chunks) that are gone from the tree and stores the run's summary. */
public class FinalizeTasklet implements Tasklet {

	private final IndexStore store;

	private final long repoId;

	private final long runId;

	public FinalizeTasklet(IndexStore store, long repoId, long runId) {
		this.store = store;
		this.repoId = repoId;
		this.runId = runId;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		IndexStore.FileWrite removed = this.store.deleteMissingFiles(this.repoId, this.runId);
		this.store.summarize(this.repoId, this.runId, removed.inserted(), removed.deleted());
		return RepeatStatus.FINISHED;
	}

}
