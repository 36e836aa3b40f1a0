package dev.chunker.job;

import java.util.List;

import dev.chunker.store.ManifestDao;
import dev.chunker.store.ManifestEntry;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads one partition's manifest rows in order. Its read count is saved with every committed chunk, so a restart
 * resumes after the last committed file.
 */
public class ManifestItemReader extends AbstractItemCountingItemStreamItemReader<ManifestEntry> {

	private final ManifestDao manifest;

	private final long runId;

	private final int partition;

	private @Nullable List<ManifestEntry> entries;

	private int next;

	public ManifestItemReader(ManifestDao manifest, long runId, int partition) {
		this.manifest = manifest;
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
