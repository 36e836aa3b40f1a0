package dev.chunker.treesitter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import io.github.treesitter.jtreesitter.Language;
import io.github.treesitter.jtreesitter.Node;
import io.github.treesitter.jtreesitter.Parser;
import io.github.treesitter.jtreesitter.Tree;
import io.github.treesitter.jtreesitter.TreeCursor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AstCacheTest {

	private static final String SOURCE = "class A:\n    def f(self):\n        return [1, 2, 3]\n";

	private static Parser parser;

	@BeforeAll
	static void start() {
		Language python = Grammars.language("tree_sitter_python");
		parser = new Parser(python);
	}

	@AfterAll
	static void stop() {
		parser.close();
	}

	static Tree parse(String source) {
		return parser.parse(source).orElseThrow();
	}

	static AstCache.Key key(int i) {
		return new AstCache.Key("/repo/file" + i + ".py", 1_000L + i, SOURCE.length(), "python", "tree-sitter-python@0");
	}

	/** Puts a fresh tree under {@code key} and closes the caller's copy, as the chunker does. */
	static void put(AstCache cache, AstCache.Key key, long sourceBytes) {
		try (Tree tree = parse(SOURCE)) {
			cache.put(key, tree, sourceBytes);
		}
	}

	/** Walks every node of a tree and counts them; crashes (or garbage) if its memory was freed. */
	static int walk(Tree tree) {
		int count = 0;
		try (TreeCursor cursor = tree.getRootNode().walk()) {
			boolean more = true;
			while (more) {
				count++;
				if (cursor.gotoFirstChild()) {
					continue;
				}
				while (!cursor.gotoNextSibling()) {
					if (!cursor.gotoParent()) {
						more = false;
						break;
					}
				}
			}
		}
		return count;
	}

	static void assertUsable(Tree tree) {
		Node root = tree.getRootNode();
		assertThat(root.getType()).isEqualTo("module");
		assertThat(root.hasError()).isFalse();
		assertThat(root.getNamedChild(0).orElseThrow().getType()).isEqualTo("class_definition");
		assertThat(walk(tree)).isEqualTo(walk(tree)).isGreaterThan(15);
	}

	@Test
	void hitsMissesAndHitRate() {
		AstCache cache = new AstCache(10, 1L << 30);
		assertThat(cache.get(key(1))).isEmpty();
		put(cache, key(1), SOURCE.length());
		for (int i = 0; i < 3; i++) {
			Optional<Tree> hit = cache.get(key(1));
			assertThat(hit).isPresent();
			try (Tree tree = hit.get()) {
				assertUsable(tree);
			}
		}
		// A changed file (other mtime) or another grammar is a different key.
		assertThat(cache.get(new AstCache.Key("/repo/file1.py", 9, SOURCE.length(), "python", "tree-sitter-python@0")))
			.isEmpty();
		assertThat(cache.get(new AstCache.Key("/repo/file1.py", 1_001, SOURCE.length(), "python", "other@1"))).isEmpty();
		AstCache.Stats stats = cache.stats();
		assertThat(stats.hits()).isEqualTo(3);
		assertThat(stats.misses()).isEqualTo(3);
		assertThat(stats.hitRate()).isEqualTo(0.5);
		assertThat(stats.size()).isEqualTo(1);
		assertThat(stats.maxSize()).isEqualTo(10);
		assertThat(stats.evictions()).isZero();
		assertThat(stats.weightBytes()).isEqualTo((long) SOURCE.length() * AstCache.TREE_BYTES_PER_SOURCE_BYTE);
		assertThat(stats.maxWeightBytes()).isEqualTo(1L << 30);
		cache.clear();
	}

	@Test
	void evictionByCount() {
		AstCache cache = new AstCache(2, 1L << 30);
		Tree survivor = null;
		try {
			put(cache, key(1), SOURCE.length());
			survivor = cache.get(key(1)).orElseThrow();
			put(cache, key(2), SOURCE.length());
			put(cache, key(3), SOURCE.length());
			put(cache, key(4), SOURCE.length());
			AstCache.Stats stats = cache.stats();
			assertThat(stats.size()).isEqualTo(2);
			assertThat(stats.evictions()).as("trees evicted by the count bound").isEqualTo(2);
			int present = 0;
			for (int i = 1; i <= 4; i++) {
				Optional<Tree> tree = cache.get(key(i));
				if (tree.isPresent()) {
					present++;
					try (Tree t = tree.get()) {
						assertUsable(t);
					}
				}
			}
			assertThat(present).isEqualTo(2);
			// A clone taken before its original was evicted (and closed) stays valid.
			assertUsable(survivor);
		}
		finally {
			if (survivor != null) {
				survivor.close();
			}
			cache.clear();
		}
	}

	@Test
	void evictionByWeight() {
		long perTree = 1_000L * AstCache.TREE_BYTES_PER_SOURCE_BYTE;
		AstCache cache = new AstCache(100, perTree * 5 / 2);
		List<Tree> clones = new ArrayList<>();
		try {
			// Two trees fit; clones of both are taken before three more push them (or others) out. Which trees
			// go is Caffeine's choice (its admission policy may even refuse a newcomer), how many is not.
			for (int i = 1; i <= 2; i++) {
				put(cache, key(i), 1_000);
				clones.add(cache.get(key(i)).orElseThrow());
			}
			for (int i = 3; i <= 5; i++) {
				put(cache, key(i), 1_000);
			}
			AstCache.Stats stats = cache.stats();
			assertThat(stats.size()).isEqualTo(2);
			assertThat(stats.weightBytes()).isEqualTo(2 * perTree).isLessThanOrEqualTo(stats.maxWeightBytes());
			assertThat(stats.evictions()).isEqualTo(3);
			// Every clone outlives its evicted original.
			clones.forEach(AstCacheTest::assertUsable);
		}
		finally {
			clones.forEach(Tree::close);
			cache.clear();
		}
	}

	@Test
	void treeHeavierThanTheWholeBoundIsNotCached() {
		AstCache cache = new AstCache(100, 10_000);
		put(cache, key(1), 10_000);
		assertThat(cache.get(key(1))).isEmpty();
		assertThat(cache.stats().size()).isZero();
		assertThat(cache.stats().evictions()).isZero();
	}

	@Test
	void callerKeepsItsTree() {
		AstCache cache = new AstCache(10, 1L << 30);
		try (Tree tree = parse(SOURCE)) {
			cache.put(key(1), tree, SOURCE.length());
			// The cache holds its own copy: clearing it leaves the caller's tree intact.
			cache.clear();
			assertUsable(tree);
		}
		// And closing the caller's tree leaves the cached copy intact.
		put(cache, key(2), SOURCE.length());
		try (Tree clone = cache.get(key(2)).orElseThrow()) {
			assertUsable(clone);
		}
		cache.clear();
	}

	@Test
	void clearClosesAndForgetsEverything() {
		AstCache cache = new AstCache(10, 1L << 30);
		for (int i = 0; i < 5; i++) {
			put(cache, key(i), SOURCE.length());
		}
		Tree clone = cache.get(key(0)).orElseThrow();
		cache.clear();
		assertThat(cache.stats().size()).isZero();
		assertThat(cache.stats().weightBytes()).isZero();
		assertThat(cache.get(key(0))).isEmpty();
		assertUsable(clone);
		clone.close();
		// Usable after clear.
		put(cache, key(0), SOURCE.length());
		assertThat(cache.get(key(0))).isPresent().get().satisfies(Tree::close);
		cache.clear();
	}

	@Test
	void disabledCacheHoldsNothing() {
		AstCache cache = new AstCache(0, 1L << 30);
		put(cache, key(1), SOURCE.length());
		assertThat(cache.get(key(1))).isEmpty();
		assertThat(cache.stats()).isEqualTo(new AstCache.Stats(0, 0, 0, 0, 0, 0, 0));
		assertThat(cache.stats().hitRate()).isZero();
		cache.clear();
	}

	@Test
	void concurrentGetsPutsAndEvictions() throws Exception {
		// Eight threads on a four-tree cache: clones are taken while other threads evict (and close) originals.
		AstCache cache = new AstCache(4, 1L << 30);
		Language python = Grammars.language("tree_sitter_python");
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<Integer>> futures = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				futures.add(executor.submit(() -> {
					int hits = 0;
					try (Parser own = new Parser(python)) {
						for (int i = 0; i < 300; i++) {
							AstCache.Key key = key(ThreadLocalRandom.current().nextInt(12));
							Optional<Tree> cached = cache.get(key);
							if (cached.isPresent()) {
								hits++;
								try (Tree tree = cached.get()) {
									assertUsable(tree);
								}
							}
							else {
								try (Tree tree = own.parse(SOURCE).orElseThrow()) {
									cache.put(key, tree, SOURCE.length());
								}
							}
						}
					}
					return hits;
				}));
			}
			int hits = 0;
			for (Future<Integer> future : futures) {
				hits += future.get();
			}
			AstCache.Stats stats = cache.stats();
			// A lookup can find an entry that another thread is evicting at that moment: it counts as a hit but
			// yields no tree (never a closed one), so the counted hits may exceed the trees handed out.
			assertThat(stats.hits()).isGreaterThanOrEqualTo(hits).isLessThan(hits + 50);
			assertThat(stats.hits() + stats.misses()).isEqualTo(8 * 300);
			assertThat(stats.size()).isLessThanOrEqualTo(4);
		}
		finally {
			executor.shutdownNow();
			cache.clear();
		}
	}

}
