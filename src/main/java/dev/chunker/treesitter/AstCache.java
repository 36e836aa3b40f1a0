package dev.chunker.treesitter;

import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.github.treesitter.jtreesitter.Tree;
import org.jspecify.annotations.Nullable;

/**
 * Parsed trees of unchanged files, so chunking the same file again skips the parse. Bounded by entry count and by
 * an estimate of native tree memory; evicted trees are closed (the garbage collector never frees tree memory).
 * Callers only ever receive clones, which they must close.
 */
public final class AstCache {

	/** Native tree memory per source byte, measured on Python and Java sources. */
	public static final int TREE_BYTES_PER_SOURCE_BYTE = 24;

	private final @Nullable Cache<Key, Entry> cache;

	private final long maxEntries;

	private final long maxWeightBytes;

	/** Trees removed by the count bound: Caffeine counts only its own (weight) evictions. */
	private final LongAdder countEvictions = new LongAdder();

	/**
	 * Creates a cache; {@code maxEntries == 0} disables it.
	 * @param maxEntries the most trees kept
	 * @param maxWeightBytes the most estimated native tree memory kept
	 */
	public AstCache(long maxEntries, long maxWeightBytes) {
		this.maxEntries = maxEntries;
		this.maxWeightBytes = maxWeightBytes;
		if (maxEntries <= 0) {
			this.cache = null;
			return;
		}
		// Caffeine bounds either by count or by weight, not both: the weight (native memory) bound is Caffeine's,
		// the count bound is enforced after each put by evicting the coldest entries.
		this.cache = Caffeine.newBuilder()
			.maximumWeight(maxWeightBytes)
			.weigher((Key key, Entry entry) -> (int) Math.min(Integer.MAX_VALUE, entry.weight))
			.removalListener((@Nullable Key key, @Nullable Entry entry, RemovalCause cause) -> {
				if (entry != null) {
					entry.close();
				}
			})
			.executor(Runnable::run)
			.recordStats()
			.build();
	}

	/** A clone of the cached tree for {@code key}, or empty on a miss. The caller closes the clone. */
	public Optional<Tree> get(Key key) {
		if (this.cache == null) {
			return Optional.empty();
		}
		Entry entry = this.cache.getIfPresent(key);
		return (entry != null) ? Optional.ofNullable(entry.cloneTree()) : Optional.empty();
	}

	/** Caches a clone of {@code tree}; the caller keeps ownership of {@code tree}. */
	public void put(Key key, Tree tree, long sourceBytes) {
		if (this.cache == null) {
			return;
		}
		long weight = Math.max(1, sourceBytes) * TREE_BYTES_PER_SOURCE_BYTE;
		if (weight > this.maxWeightBytes) {
			return;
		}
		this.cache.put(key, new Entry(tree.clone(), weight));
		if (this.cache.estimatedSize() > this.maxEntries) {
			evictOverCount();
		}
	}

	private void evictOverCount() {
		if (this.cache == null) {
			return;
		}
		this.cache.policy().eviction().ifPresent((eviction) -> {
			long excess = this.cache.estimatedSize() - this.maxEntries;
			if (excess > 0) {
				eviction.coldest((int) excess).keySet().forEach((key) -> {
					// Only the thread that actually removes the entry counts it (the removal closes its tree).
					if (this.cache.asMap().remove(key) != null) {
						this.countEvictions.increment();
					}
				});
			}
		});
	}

	/** Closes every cached tree. */
	public void clear() {
		if (this.cache != null) {
			this.cache.invalidateAll();
			this.cache.cleanUp();
		}
	}

	public Stats stats() {
		if (this.cache == null) {
			return new Stats(0, 0, 0, 0, 0, 0, 0);
		}
		CacheStats stats = this.cache.stats();
		long weight = this.cache.policy().eviction().flatMap((e) -> e.weightedSize().stream().boxed().findFirst()).orElse(0L);
		return new Stats(stats.hitCount(), stats.missCount(), stats.evictionCount() + this.countEvictions.sum(),
				this.cache.estimatedSize(),
				this.maxEntries, weight, this.maxWeightBytes);
	}

	/**
	 * What makes a cached tree valid: the same file, unchanged, parsed by the same grammar.
	 * @param absolutePath the file
	 * @param mtimeMillis its modification time
	 * @param size its size in bytes
	 * @param language the language it was parsed as
	 * @param grammarVersion the grammar fingerprint
	 */
	public record Key(String absolutePath, long mtimeMillis, long size, String language, String grammarVersion) {
	}

	/**
	 * Cache counters.
	 * @param hits lookups that found a tree
	 * @param misses lookups that did not
	 * @param evictions trees evicted by the bounds
	 * @param size trees held now
	 * @param maxSize the entry bound
	 * @param weightBytes estimated native memory held now
	 * @param maxWeightBytes the memory bound
	 */
	public record Stats(long hits, long misses, long evictions, long size, long maxSize, long weightBytes,
			long maxWeightBytes) {

		public double hitRate() {
			long total = this.hits + this.misses;
			return (total == 0) ? 0.0 : (double) this.hits / total;
		}

	}

	/** A cached tree; cloning and closing are serialised so no clone is taken from a closed tree. */
	private static final class Entry {

		private @Nullable Tree tree;

		final long weight;

		Entry(Tree tree, long weight) {
			this.tree = tree;
			this.weight = weight;
		}

		synchronized @Nullable Tree cloneTree() {
			return (this.tree != null) ? this.tree.clone() : null;
		}

		synchronized void close() {
			if (this.tree != null) {
				this.tree.close();
				this.tree = null;
			}
		}

	}

}
