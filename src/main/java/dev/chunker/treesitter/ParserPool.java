package dev.chunker.treesitter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import io.github.treesitter.jtreesitter.Language;
import io.github.treesitter.jtreesitter.Parser;

/**
 * A bounded pool of tree-sitter parsers per language. A jtreesitter {@link Parser} is not thread-safe, so each
 * borrower has one to itself until it returns it; at most {@code maxPerLanguage} parsers of one language exist,
 * and further borrowers wait.
 */
public final class ParserPool implements AutoCloseable {

	private final int maxPerLanguage;

	private final Map<String, LanguagePool> pools = new ConcurrentHashMap<>();

	private final AtomicLong created = new AtomicLong();

	private final AtomicLong borrowed = new AtomicLong();

	private final AtomicLong waits = new AtomicLong();

	private final AtomicLong waiting = new AtomicLong();

	private final AtomicLong inUse = new AtomicLong();

	private final AtomicLong discarded = new AtomicLong();

	public ParserPool(int maxPerLanguage) {
		if (maxPerLanguage < 1) {
			throw new IllegalArgumentException("parser_pool_size must be at least 1, was " + maxPerLanguage);
		}
		this.maxPerLanguage = maxPerLanguage;
	}

	/** Borrows a parser set to {@code language}; close the lease to return it. */
	public Lease borrow(String key, Language language) {
		LanguagePool pool = this.pools.computeIfAbsent(key, (k) -> new LanguagePool());
		if (!pool.permits.tryAcquire()) {
			this.waits.incrementAndGet();
			this.waiting.incrementAndGet();
			try {
				pool.permits.acquire();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while waiting for a " + key + " parser", ex);
			}
			finally {
				this.waiting.decrementAndGet();
			}
		}
		Parser parser = pool.idle.pollFirst();
		if (parser == null) {
			parser = new Parser(language);
			this.created.incrementAndGet();
		}
		this.borrowed.incrementAndGet();
		this.inUse.incrementAndGet();
		return new Lease(pool, parser);
	}

	public Stats stats() {
		int idle = this.pools.values().stream().mapToInt((p) -> p.idle.size()).sum();
		return new Stats(this.created.get(), this.borrowed.get(), this.waits.get(), this.waiting.get(), this.inUse.get(),
				idle, this.discarded.get(), this.maxPerLanguage);
	}

	@Override
	public void close() {
		for (LanguagePool pool : this.pools.values()) {
			Parser parser;
			while ((parser = pool.idle.pollFirst()) != null) {
				parser.close();
			}
		}
	}

	private final class LanguagePool {

		final Semaphore permits = new Semaphore(ParserPool.this.maxPerLanguage, true);

		final ConcurrentLinkedDeque<Parser> idle = new ConcurrentLinkedDeque<>();

	}

	/** A borrowed parser. */
	public final class Lease implements AutoCloseable {

		private final LanguagePool pool;

		private final Parser parser;

		private boolean returned;

		private boolean discard;

		Lease(LanguagePool pool, Parser parser) {
			this.pool = pool;
			this.parser = parser;
		}

		public Parser parser() {
			return this.parser;
		}

		/**
		 * Marks the parser to be closed instead of pooled: after a cancelled parse, and after callback parses,
		 * whose input buffers stay in the parser's memory until it is closed.
		 */
		public void discard() {
			this.discard = true;
		}

		@Override
		public void close() {
			if (this.returned) {
				return;
			}
			this.returned = true;
			if (this.discard) {
				this.parser.close();
				ParserPool.this.discarded.incrementAndGet();
			}
			else {
				this.pool.idle.offerFirst(this.parser);
			}
			ParserPool.this.inUse.decrementAndGet();
			this.pool.permits.release();
		}

	}

	/**
	 * Pool counters.
	 * @param created parsers created since start
	 * @param borrowed borrows since start
	 * @param waits borrows that had to wait for a free parser
	 * @param waiting threads waiting now
	 * @param inUse parsers borrowed now
	 * @param idle parsers pooled now
	 * @param discarded parsers closed instead of returned
	 * @param maxPerLanguage the bound per language
	 */
	public record Stats(long created, long borrowed, long waits, long waiting, long inUse, long idle, long discarded,
			int maxPerLanguage) {
	}


}
