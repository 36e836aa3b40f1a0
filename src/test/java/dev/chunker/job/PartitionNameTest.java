package dev.chunker.job;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A restarted worker step whose context was lost (killed while partitioning) finds its partition by its name. */
class PartitionNameTest {

	@Test
	void partitionComesFromTheWorkerStepName() {
		assertThat(IndexJobConfiguration.partitionOf(BatchNames.STEP_CHUNK_FILES_WORKER + ":" + BatchNames.partitionName(7)))
			.isEqualTo(7);
		assertThat(IndexJobConfiguration.partitionOf("chunkFilesWorker:partition-0123")).isEqualTo(123);
		assertThatThrownBy(() -> IndexJobConfiguration.partitionOf("scan")).isInstanceOf(IllegalStateException.class);
	}

}
