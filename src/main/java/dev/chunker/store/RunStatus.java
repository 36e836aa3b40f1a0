package dev.chunker.store;

/**
 * A run's status as stored in {@code runs.status}: {@link #STARTING} before its job execution exists, then the job
 * execution's status mirrored (the same names as Spring Batch's {@code BatchStatus}, which this package does not
 * import).
 */
public enum RunStatus implements StoredValue {

	/** The run row exists; its job execution has not started yet. */
	STARTING,
	/** Its job execution is running (or its process died). */
	STARTED,
	/** A stop was requested. */
	STOPPING,
	/** Stopped on request; restartable. */
	STOPPED,
	/** Finished with every partition done. */
	COMPLETED,
	/** Failed; restartable. */
	FAILED,
	/** Given up; never restarted. */
	ABANDONED,
	/** The job repository could not tell. */
	UNKNOWN;

	@Override
	public String dbValue() {
		return name();
	}

	/** Whether the run may still be executing (or its process died without a final status). */
	public boolean isUnfinished() {
		return this == STARTING || this == STARTED || this == STOPPING;
	}

	/** The status stored as {@code value}. */
	public static RunStatus fromDb(String value) {
		return StoredValue.fromDb(RunStatus.class, value, "runs.status");
	}

}
