package dev.chunker.job;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.chunker.store.ManifestDao;
import org.springframework.batch.core.partition.PartitionNameProvider;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Partitions of a run, read from the manifest the scan wrote (the scan did the balancing). Names come from the
 * manifest too, so a restart finds the same partitions.
 */
public class ManifestPartitioner implements Partitioner, PartitionNameProvider {

	private final ManifestDao manifest;

	private final long runId;

	public ManifestPartitioner(ManifestDao manifest, long runId) {
		this.manifest = manifest;
		this.runId = runId;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> result = new LinkedHashMap<>();
		for (int partition : this.manifest.manifestPartitions(this.runId)) {
			ExecutionContext context = new ExecutionContext();
			context.putInt(BatchNames.CTX_PARTITION, partition);
			result.put(BatchNames.partitionName(partition), context);
		}
		return result;
	}

	@Override
	public Collection<String> getPartitionNames(int gridSize) {
		List<Integer> partitions = this.manifest.manifestPartitions(this.runId);
		return partitions.stream().map(BatchNames::partitionName).toList();
	}

}
