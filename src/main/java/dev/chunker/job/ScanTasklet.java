package dev.chunker.job;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.chunker.scan.PartitionPlanner;
import dev.chunker.scan.PlannedFile;
import dev.chunker.scan.ScanResult;
import dev.chunker.scan.ScannedFile;
import dev.chunker.scan.SourceScanner;
import dev.chunker.store.FileDao;
import dev.chunker.store.FileErrorDao;
import dev.chunker.store.FileStatus;
import dev.chunker.store.ManifestDao;
import dev.chunker.store.ManifestEntry;
import dev.chunker.store.StoredFile;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step 1: walks the tree and writes the run's manifest, partitioned by bytes. Files whose size and mtime match the
 * stored file (and were indexed under the same rules) are listed but marked as needing no work. Each manifest row
 * carries what the stored file row says, so the partitions do not look it up again. Re-running it replaces the
 * manifest and the run's scan errors, so it is idempotent.
 */
public class ScanTasklet implements Tasklet {

	private final SourceScanner scanner;

	private final FileDao files;

	private final ManifestDao manifest;

	private final FileErrorDao errors;

	private final Path root;

	private final long repoId;

	private final long runId;

	private final int gridSize;

	private final Function<String, String> rulesVersion;

	private final IndexProgress progress;

	public ScanTasklet(SourceScanner scanner, FileDao files, ManifestDao manifest, FileErrorDao errors, Path root, long repoId, long runId, int gridSize,
			Function<String, String> rulesVersion, IndexProgress progress) {
		this.progress = progress;
		this.scanner = scanner;
		this.files = files;
		this.manifest = manifest;
		this.errors = errors;
		this.root = root;
		this.repoId = repoId;
		this.runId = runId;
		this.gridSize = gridSize;
		this.rulesVersion = rulesVersion;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		ScanResult result = this.scanner.scan(this.root);
		Map<String, StoredFile> stored = this.files.storedFiles(this.repoId);
		List<PlannedFile> plan = PartitionPlanner.plan(result.files(), (file) -> needsWork(file, stored.get(file.path())),
				this.gridSize);
		List<ManifestEntry> entries = plan.stream().map((planned) -> entry(planned, stored.get(planned.path()))).toList();
		this.manifest.replaceManifest(this.runId, entries);
		this.progress.planned(entries.stream().filter(ManifestEntry::needsWork).count(),
				entries.stream().filter(ManifestEntry::needsWork).mapToLong(ManifestEntry::size).sum());
		this.errors.clearErrors(this.runId);
		for (ScanResult.ScanError error : result.errors()) {
			this.errors.recordError(this.runId, this.repoId, error.path(), error.reason(), error.message());
		}
		for (int i = 0; i < result.files().size(); i++) {
			contribution.incrementReadCount();
		}
		return RepeatStatus.FINISHED;
	}

	private boolean needsWork(ScannedFile file, @Nullable StoredFile stored) {
		return stored == null || stored.status() != FileStatus.INDEXED || !stored.contentStored() || stored.size() != file.size()
				|| stored.mtimeMillis() != file.mtimeMillis() || !indexedUnderCurrentRules(stored, file.language());
	}

	private ManifestEntry entry(PlannedFile planned, @Nullable StoredFile stored) {
		ScannedFile file = planned.file();
		String reusableHash = (stored != null && stored.status() == FileStatus.INDEXED && stored.contentStored()
				&& indexedUnderCurrentRules(stored, file.language())) ? stored.contentHash() : null;
		return new ManifestEntry(planned.partition(), planned.ordinal(), file.path(), file.language(), file.size(),
				file.mtimeMillis(), planned.needsWork(), stored != null, reusableHash);
	}

	private boolean indexedUnderCurrentRules(StoredFile stored, String language) {
		return stored.rulesVersion().equals(this.rulesVersion.apply(language));
	}

}
