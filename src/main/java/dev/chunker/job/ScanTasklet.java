package dev.chunker.job;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.chunker.scan.PartitionPlanner;
import dev.chunker.scan.ScanResult;
import dev.chunker.scan.ScannedFile;
import dev.chunker.scan.SourceScanner;
import dev.chunker.store.IndexStore;
import dev.chunker.store.ManifestEntry;
import dev.chunker.store.StoredFile;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step 1: walks the tree and writes the run's manifest, partitioned by bytes. Files whose size and mtime match the
 * stored file (and were indexed under the same rules) are listed but marked as needing no work. Re-running it
 * replaces the manifest, so it is idempotent.
 */
public class ScanTasklet implements Tasklet {

	private final SourceScanner scanner;

	private final IndexStore store;

	private final Path root;

	private final long repoId;

	private final long runId;

	private final int gridSize;

	private final Function<String, String> rulesVersion;

	private final IndexProgress progress;

	public ScanTasklet(SourceScanner scanner, IndexStore store, Path root, long repoId, long runId, int gridSize,
			Function<String, String> rulesVersion, IndexProgress progress) {
		this.progress = progress;
		this.scanner = scanner;
		this.store = store;
		this.root = root;
		this.repoId = repoId;
		this.runId = runId;
		this.gridSize = gridSize;
		this.rulesVersion = rulesVersion;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		ScanResult result = this.scanner.scan(this.root);
		Map<String, StoredFile> stored = this.store.storedFiles(this.repoId);
		List<ManifestEntry> manifest = PartitionPlanner.plan(result.files(), (file) -> needsWork(file, stored.get(file.path())),
				this.gridSize);
		this.store.replaceManifest(this.runId, manifest);
		this.progress.planned(manifest.stream().filter(ManifestEntry::needsWork).count(),
				manifest.stream().filter(ManifestEntry::needsWork).mapToLong(ManifestEntry::size).sum());
		this.store.jdbc().update("DELETE FROM file_errors WHERE run_id = ?", this.runId);
		for (ScanResult.ScanError error : result.errors()) {
			this.store.recordError(this.runId, this.repoId, error.path(), error.reason(), error.message());
		}
		for (int i = 0; i < result.files().size(); i++) {
			contribution.incrementReadCount();
		}
		return RepeatStatus.FINISHED;
	}

	private boolean needsWork(ScannedFile file, StoredFile stored) {
		return stored == null || !"indexed".equals(stored.status()) || stored.size() != file.size()
				|| stored.mtimeMillis() != file.mtimeMillis() || !stored.rulesVersion().equals(this.rulesVersion.apply(file.language()));
	}

}
