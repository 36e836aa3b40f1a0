package dev.chunker.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import dev.chunker.chunk.ChunkIds;
import dev.chunker.chunk.ChunkingException;
import dev.chunker.chunk.CompiledLanguage;
import dev.chunker.chunk.FileChunker;
import dev.chunker.chunk.SourceText;
import dev.chunker.pack.FilePacker;
import dev.chunker.pack.PackOptions;
import dev.chunker.scan.ScannedFile;
import dev.chunker.treesitter.AstCache;
import dev.chunker.treesitter.ParserPool;
import io.github.treesitter.jtreesitter.InputEncoding;
import io.github.treesitter.jtreesitter.Tree;

/**
 * The phases that need no database: reading (the I/O floor), parsing only (the parser's limit), parsing plus
 * extraction, packing (the packed view) alone and with chunking on one parse, and the AST cache's hit and miss cost. Each phase reads the files itself, as the job does.
 */
public final class CoreBenchmark {

	private final Path root;

	private final List<ScannedFile> files;

	private final FileChunker chunker;

	public CoreBenchmark(Path root, List<ScannedFile> files, FileChunker chunker) {
		this.root = root;
		this.files = files;
		this.chunker = chunker;
	}

	public Measurement readOnly() throws Exception {
		return run("read-only", 1, (file, bytes) -> 0);
	}

	public Measurement parseOnly(int threads) throws Exception {
		ParserPool pool = this.chunker.parsers();
		return run("parse-only", threads, (file, bytes) -> {
			CompiledLanguage language = this.chunker.compiled(file.language());
			SourceText source = new SourceText(bytes);
			try (ParserPool.Lease lease = pool.borrow(file.language(), language.language());
					Tree tree = lease.parser().parse(source.parseText(), InputEncoding.UTF_8).orElseThrow()) {
				return 0;
			}
		});
	}

	public Measurement chunkOnly(int threads) throws Exception {
		return run("chunk-only", threads, (file, bytes) -> this.chunker.chunk(bytes, file.path(), file.language(), null).chunks().size());
	}

	/** Packing only (the packed view: parse, pack, a token count per window), with the default pack options. */
	public Measurement packOnly(int threads, PackOptions options) throws Exception {
		FilePacker packer = new FilePacker(this.chunker, Long.MAX_VALUE);
		return run("pack-only", threads, (file, bytes) -> packer.pack(bytes, file.path(), file.language(), options).windows().size());
	}

	/** What the index does per file with both views: chunk, then pack the same tree. */
	public Measurement chunkAndPack(int threads, PackOptions options) throws Exception {
		FilePacker packer = new FilePacker(this.chunker, Long.MAX_VALUE);
		return run("chunk+pack", threads, (file, bytes) -> {
			long[] windows = new long[1];
			int chunks = this.chunker.chunkHashed(bytes, ChunkIds.contentHash(bytes, 0, bytes.length), file.path(),
					file.language(), (tree, source, language) -> windows[0] = packer
						.pack(tree, bytes, source, file.path(), language, options).windows().size())
				.chunks().size();
			return chunks + windows[0];
		});
	}

	/** Chunking through the AST cache: the first pass misses (parses), the second hits (skips the parse). */
	public List<Measurement> cache(int limit) throws Exception {
		List<ScannedFile> subset = this.files.subList(0, Math.min(limit, this.files.size()));
		AstCache cache = this.chunker.cache();
		cache.clear();
		CoreBenchmark bench = new CoreBenchmark(this.root, subset, this.chunker);
		Measurement miss = bench.run("ast-cache-miss", 1, (file, bytes) -> chunkCached(file, bytes));
		Measurement hit = bench.run("ast-cache-hit", 1, (file, bytes) -> chunkCached(file, bytes));
		return List.of(miss, hit);
	}

	private int chunkCached(ScannedFile file, byte[] bytes) {
		Path path = this.root.resolve(file.path());
		return this.chunker.chunk(bytes, file.path(), file.language(),
				new AstCache.Key(path.toString(), file.mtimeMillis(), bytes.length, "", "")).chunks().size();
	}

	interface Work {

		long apply(ScannedFile file, byte[] bytes) throws Exception;

	}

	Measurement run(String phase, int threads, Work work) throws Exception {
		Resources.resetPeaks();
		AtomicLong bytes = new AtomicLong();
		AtomicLong chunks = new AtomicLong();
		AtomicLong done = new AtomicLong();
		long start = System.nanoTime();
		try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
			List<Future<?>> futures = new ArrayList<>();
			int slice = Math.max(1, (this.files.size() + threads * 8 - 1) / (threads * 8));
			for (int from = 0; from < this.files.size(); from += slice) {
				List<ScannedFile> batch = this.files.subList(from, Math.min(this.files.size(), from + slice));
				futures.add(executor.submit(() -> {
					for (ScannedFile file : batch) {
						byte[] content;
						try {
							content = Files.readAllBytes(this.root.resolve(file.path()));
						}
						catch (IOException ex) {
							continue;
						}
						try {
							chunks.addAndGet(work.apply(file, content));
							bytes.addAndGet(content.length);
							done.incrementAndGet();
						}
						catch (ChunkingException ex) {
							// Files that cannot be chunked count in no phase.
						}
					}
					return null;
				}));
			}
			for (Future<?> future : futures) {
				future.get();
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		return new Measurement(phase, threads, done.get(), bytes.get(), chunks.get(), seconds, Resources.peakHeapMiB(),
				Resources.peakRssMiB());
	}


}
