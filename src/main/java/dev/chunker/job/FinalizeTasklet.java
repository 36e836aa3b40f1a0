package dev.chunker.job;

import java.util.List;

import dev.chunker.store.ChunkDao;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.chunker.store.FileDao;
import dev.chunker.store.RunDao;
import dev.chunker.store.WindowDao;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Step 3: removes files (and their chunks and windows) that are gone from the tree, the windows of every file when the
 * packed view is no longer built, stores the run's summary, and deletes the stored contents no file points at any more.
 */
public class FinalizeTasklet implements Tasklet {

	private static final Logger LOG = LoggerFactory.getLogger(FinalizeTasklet.class);

	private final FileDao files;

	private final ChunkDao chunks;

	private final WindowDao windows;

	private final boolean packedView;

	private final OrphanContentSweep orphans;

	private final RunDao runs;

	private final long repoId;

	private final long runId;

	public FinalizeTasklet(FileDao files, ChunkDao chunks, WindowDao windows, boolean packedView,
			OrphanContentSweep orphans, RunDao runs, long repoId, long runId) {
		this.windows = windows;
		this.packedView = packedView;
		this.files = files;
		this.chunks = chunks;
		this.orphans = orphans;
		this.runs = runs;
		this.repoId = repoId;
		this.runId = runId;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		int filesRemoved = removeMissingFiles();
		if (!this.packedView) {
			for (String path : this.windows.filesWithWindows(this.repoId)) {
				this.windows.deleteFileWindows(this.repoId, this.runId, path);
			}
		}
		this.runs.summarize(this.repoId, this.runId, filesRemoved);
		// Files that changed or went away in this run left their earlier content behind; it can go once the removals
		// above are committed. A sweep that fails loses nothing: the next run's, or chunker gc, deletes the rest.
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				try {
					FinalizeTasklet.this.orphans.sweep();
				}
				catch (RuntimeException ex) {
					LOG.warn("Stored contents no file uses were not all deleted ({}); the next run or `chunker gc` "
							+ "deletes them.", ex.getMessage());
				}
			}
		});
		return RepeatStatus.FINISHED;
	}

	/** Removes the files (and their chunk rows, logged as deletions) that this run's scan no longer found. */
	private int removeMissingFiles() {
		List<String> gone = this.files.filesMissingFromManifest(this.repoId, this.runId);
		for (String path : gone) {
			this.chunks.deleteFileChunks(this.repoId, this.runId, path);
			this.windows.deleteFileWindows(this.repoId, this.runId, path);
			this.files.deleteFile(this.repoId, path);
		}
		return gone.size();
	}

}
