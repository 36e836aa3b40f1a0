package dev.chunker.job;

/**
 * Names persisted in the Spring Batch job repository: job, step and parameter names, context keys. They are part
 * of the database contract; renaming one orphans the runs recorded under the old name.
 */
public final class BatchNames {

	/** The index job. */
	public static final String JOB = "indexRepository";

	/** Step 1: walk the tree, write the manifest. */
	public static final String STEP_SCAN = "scan";

	/** Step 2: the partitioned manager step. */
	public static final String STEP_CHUNK_FILES = "chunkFiles";

	/** The worker step; its executions are named {@code chunkFilesWorker:partition-0007}. */
	public static final String STEP_CHUNK_FILES_WORKER = "chunkFilesWorker";

	/** Bean name of the worker step (what a remote worker executes). */
	public static final String WORKER_STEP_BEAN = "chunkFilesWorkerStep";

	/** Step 3: delete vanished files, close the run. */
	public static final String STEP_FINALIZE = "finalize";

	/** Identifying parameter: repository name. */
	public static final String PARAM_REPO = "repo";

	/** Identifying parameter: absolute repository root. */
	public static final String PARAM_ROOT = "root";

	/** Identifying parameter: the run (row of {@code runs}); a new run key starts a new job instance. */
	public static final String PARAM_RUN_ID = "runId";

	/** Non-identifying parameter: the repository's row id. */
	public static final String PARAM_REPO_ID = "repoId";

	/** Non-identifying parameter: include globs, one per line. */
	public static final String PARAM_INCLUDE = "include";

	/** Non-identifying parameter: exclude globs, one per line. */
	public static final String PARAM_EXCLUDE = "exclude";

	/** Partition context key: the partition number in the manifest. */
	public static final String CTX_PARTITION = "partition";

	/** Name of the manifest reader; prefixes its restart state keys. */
	public static final String READER = "manifestReader";

	private BatchNames() {
	}

	/** Stable, sortable partition names. */
	public static String partitionName(int partition) {
		return String.format(java.util.Locale.ROOT, "partition-%04d", partition);
	}

}
