package dev.chunker.treesitter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.treesitter.jtreesitter.Language;
import io.github.treesitter.jtreesitter.Parser;
import io.github.treesitter.jtreesitter.Tree;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParserPoolTest {

	private static final Language PYTHON = Grammars.language("tree_sitter_python");

	private static final Language JAVA = Grammars.language("tree_sitter_java");

	/** Polls until {@code condition} holds (at most 10 s). */
	static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition reached in time").isLessThan(deadline);
			Thread.sleep(5);
		}
	}

	@Test
	void boundRespectedUnderContention() throws Exception {
		try (ParserPool pool = new ParserPool(2)) {
			AtomicInteger holding = new AtomicInteger();
			AtomicInteger maxHolding = new AtomicInteger();
			CountDownLatch release = new CountDownLatch(1);
			ExecutorService executor = Executors.newFixedThreadPool(6);
			try {
				List<Future<String>> futures = new ArrayList<>();
				for (int i = 0; i < 6; i++) {
					futures.add(executor.submit(() -> {
						try (ParserPool.Lease lease = pool.borrow("python", PYTHON)) {
							maxHolding.accumulateAndGet(holding.incrementAndGet(), Math::max);
							release.await();
							try (Tree tree = lease.parser().parse("def f():\n    pass\n").orElseThrow()) {
								return tree.getRootNode().getType();
							}
							finally {
								holding.decrementAndGet();
							}
						}
					}));
				}
				// Two threads hold a parser, four wait for one.
				await(() -> pool.stats().waiting() == 4 && holding.get() == 2);
				ParserPool.Stats blocked = pool.stats();
				assertThat(blocked.inUse()).isEqualTo(2);
				assertThat(blocked.waits()).isEqualTo(4);
				assertThat(blocked.created()).isEqualTo(2);
				release.countDown();
				for (Future<String> future : futures) {
					assertThat(future.get(30, TimeUnit.SECONDS)).isEqualTo("module");
				}
			}
			finally {
				executor.shutdownNow();
			}
			ParserPool.Stats stats = pool.stats();
			assertThat(maxHolding.get()).isEqualTo(2);
			assertThat(stats.created()).isEqualTo(2);
			assertThat(stats.borrowed()).isEqualTo(6);
			assertThat(stats.waits()).isEqualTo(4);
			assertThat(stats.waiting()).isZero();
			assertThat(stats.inUse()).isZero();
			assertThat(stats.idle()).isEqualTo(2);
			assertThat(stats.maxPerLanguage()).isEqualTo(2);
		}
	}

	@Test
	void heavyContentionNeverExceedsTheBound() throws Exception {
		try (ParserPool pool = new ParserPool(3)) {
			AtomicInteger holding = new AtomicInteger();
			AtomicInteger maxHolding = new AtomicInteger();
			ExecutorService executor = Executors.newFixedThreadPool(12);
			try {
				List<Future<?>> futures = new ArrayList<>();
				for (int t = 0; t < 12; t++) {
					futures.add(executor.submit(() -> {
						for (int i = 0; i < 50; i++) {
							try (ParserPool.Lease lease = pool.borrow("python", PYTHON)) {
								maxHolding.accumulateAndGet(holding.incrementAndGet(), Math::max);
								try (Tree tree = lease.parser().parse("x = [" + i + "]\n").orElseThrow()) {
									assertThat(tree.getRootNode().hasError()).isFalse();
								}
								holding.decrementAndGet();
							}
						}
						return null;
					}));
				}
				for (Future<?> future : futures) {
					future.get(60, TimeUnit.SECONDS);
				}
			}
			finally {
				executor.shutdownNow();
			}
			ParserPool.Stats stats = pool.stats();
			assertThat(maxHolding.get()).isLessThanOrEqualTo(3);
			assertThat(stats.created()).isLessThanOrEqualTo(3);
			assertThat(stats.borrowed()).isEqualTo(600);
			assertThat(stats.waits()).isPositive();
			assertThat(stats.inUse()).isZero();
			assertThat(stats.idle()).isEqualTo(stats.created());
		}
	}

	@Test
	void eachLanguageHasItsOwnBound() throws Exception {
		try (ParserPool pool = new ParserPool(1)) {
			try (ParserPool.Lease python = pool.borrow("python", PYTHON); ParserPool.Lease java = pool.borrow("java", JAVA)) {
				assertThat(python.parser().getLanguage()).isEqualTo(PYTHON);
				assertThat(java.parser().getLanguage()).isEqualTo(JAVA);
				assertThat(pool.stats().inUse()).isEqualTo(2);
			}
			assertThat(pool.stats().waits()).isZero();
			assertThat(pool.stats().created()).isEqualTo(2);
		}
	}

	@Test
	void parsersAreReused() {
		try (ParserPool pool = new ParserPool(4)) {
			Parser first;
			try (ParserPool.Lease lease = pool.borrow("python", PYTHON)) {
				first = lease.parser();
			}
			try (ParserPool.Lease lease = pool.borrow("python", PYTHON)) {
				assertThat(lease.parser()).isSameAs(first);
			}
			assertThat(pool.stats().created()).isEqualTo(1);
			assertThat(pool.stats().borrowed()).isEqualTo(2);
		}
	}

	@Test
	void discardedParsersAreReplaced() {
		try (ParserPool pool = new ParserPool(1)) {
			Parser discarded;
			try (ParserPool.Lease lease = pool.borrow("python", PYTHON)) {
				discarded = lease.parser();
				lease.discard();
			}
			ParserPool.Stats stats = pool.stats();
			assertThat(stats.discarded()).isEqualTo(1);
			assertThat(stats.idle()).isZero();
			assertThat(stats.inUse()).isZero();
			// The permit came back: the next borrow does not wait, and gets a new parser.
			try (ParserPool.Lease lease = pool.borrow("python", PYTHON)) {
				assertThat(lease.parser()).isNotSameAs(discarded);
				try (Tree tree = lease.parser().parse("pass\n").orElseThrow()) {
					assertThat(tree.getRootNode().getType()).isEqualTo("module");
				}
			}
			assertThat(pool.stats().created()).isEqualTo(2);
			assertThat(pool.stats().waits()).isZero();
		}
	}

	@Test
	void closingALeaseTwiceReturnsItOnce() throws Exception {
		try (ParserPool pool = new ParserPool(1)) {
			ParserPool.Lease lease = pool.borrow("python", PYTHON);
			lease.close();
			lease.close();
			assertThat(pool.stats().inUse()).isZero();
			assertThat(pool.stats().idle()).isEqualTo(1);
			// Still one permit only: a second borrower waits while the first holds the parser.
			ParserPool.Lease held = pool.borrow("python", PYTHON);
			ExecutorService executor = Executors.newSingleThreadExecutor();
			try {
				Future<?> second = executor.submit(() -> pool.borrow("python", PYTHON).close());
				await(() -> pool.stats().waiting() == 1);
				assertThat(second.isDone()).isFalse();
				held.close();
				second.get(10, TimeUnit.SECONDS);
			}
			finally {
				executor.shutdownNow();
			}
			assertThat(pool.stats().inUse()).isZero();
			assertThat(pool.stats().created()).isEqualTo(1);
		}
	}

	@Test
	void boundMustBePositive() {
		assertThatThrownBy(() -> new ParserPool(0)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("parser_pool_size");
	}

}
