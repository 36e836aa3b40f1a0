package dev.chunker.job;

import java.util.List;

import dev.chunker.store.ManifestDao;
import dev.chunker.store.ManifestEntry;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads one partition's manifest rows in order. Its read count is saved with every committed chunk, so a restart
 * resumes after the last committed file. A restart never resumes past the files whose rows this run committed:
 * Spring Batch also saves the step's context when the step fails, and after a commit that failed (the database
 * went away at that moment) that context already counts the files of the lost chunk.
 */
public class ManifestItemReader extends AbstractItemCountingItemStreamItemReader<ManifestEntry> {

	private final ManifestDao manifest;

	private final long repoId;

	private final long runId;

	private final int partition;

	private @Nullable List<ManifestEntry> entries;

	private int next;

	public ManifestItemReader(ManifestDao manifest, long repoId, long runId, int partition) {
		this.manifest = manifest;
		this.repoId = repoId;
		this.runId = runId;
		this.partition = partition;
		setName(BatchNames.READER);
	}

	@Override
	protected void doOpen() {
		this.entries = this.manifest.manifestPartition(this.runId, this.partition);
		this.next = 0;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		super.open(executionContext);
		int saved = getCurrentItemCount();
		if (saved > 0) {
			int committed = this.manifest.committedPrefix(this.repoId, this.runId, this.partition);
			if (committed < saved) {
				this.next = committed;
				setCurrentItemCount(committed);
			}
		}
	}

	@Override
	protected @Nullable ManifestEntry doRead() {
		List<ManifestEntry> list = this.entries;
		if (list == null || this.next >= list.size()) {
			return null;
		}
		return list.get(this.next++);
	}

	@Override
	protected void jumpToItem(int itemIndex) {
		this.next = itemIndex;
	}

	@Override
	protected void doClose() {
		this.entries = null;
	}

}
