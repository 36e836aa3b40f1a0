package dev.chunker.chunk;

/**
 * The time budget of one file's parse and extraction ({@code parse_timeout_ms}), started when the file's chunking
 * starts; one wording for the refusal, whichever phase runs out of time.
 */
public final class Deadline {

	/** No budget: nothing is ever abandoned. */
	public static final Deadline NONE = new Deadline(0, 0);

	private final long nanos;

	private final long budgetMillis;

	private Deadline(long nanos, long budgetMillis) {
		this.nanos = nanos;
		this.budgetMillis = budgetMillis;
	}

	/** A deadline {@code budgetMillis} from now, or {@link #NONE} when the budget is 0. */
	public static Deadline in(long budgetMillis) {
		return (budgetMillis > 0) ? new Deadline(System.nanoTime() + budgetMillis * 1_000_000L, budgetMillis) : NONE;
	}

	public boolean isNone() {
		return this.budgetMillis == 0;
	}

	public boolean passed() {
		return this.budgetMillis != 0 && System.nanoTime() > this.nanos;
	}

	/** @throws ChunkingException with reason {@code TIMEOUT} when the deadline has passed */
	public void check() {
		if (passed()) {
			throw exceeded();
		}
	}

	public ChunkingException exceeded() {
		return new ChunkingException(ChunkingException.Reason.TIMEOUT,
				"parse and extraction exceeded parse_timeout_ms (" + this.budgetMillis + " ms)");
	}

}
