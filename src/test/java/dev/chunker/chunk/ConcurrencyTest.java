package dev.chunker.chunk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import dev.chunker.treesitter.AstCache;
import dev.chunker.treesitter.ParserPool;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Many threads through one chunker (one parser pool, one AST cache) give exactly what one thread gives, and a
 * second pass is served from the AST cache with the same result.
 */
class ConcurrencyTest {

	private static final int THREADS = 8;

	private static final int POOL_SIZE = 2;

	/** 600 Python modules and 400 C and C++ headers of this machine, under 100 KB each, in a fixed order. */
	static List<Path> realFiles() throws IOException {
		List<Path> python = files(Path.of("/usr/lib/python3.11"), ".py");
		List<Path> headers = files(Path.of("/usr/include"), ".h");
		assumeTrue(python.size() >= 600 && headers.size() >= 400,
				"needs /usr/lib/python3.11 and /usr/include (python3.11 and libc6-dev)");
		List<Path> result = new ArrayList<>(python.subList(0, 600));
		// Every n-th header, so C++ library headers (.h files detected as C++ by content) are among them.
		int step = headers.size() / 400;
		for (int i = 0; i < 400; i++) {
			result.add(headers.get(i * step));
		}
		return result;
	}

	private static List<Path> files(Path root, String suffix) throws IOException {
		if (!Files.isDirectory(root)) {
			return List.of();
		}
		try (Stream<Path> walk = Files.walk(root)) {
			return walk.filter((p) -> p.toString().endsWith(suffix) && Files.isRegularFile(p))
				.filter((p) -> size(p) < 100_000)
				.sorted()
				.toList();
		}
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** What one file gave: its chunks and file facts, or the reason it was refused. */
	record Outcome(String language, String fileId, String contentHash, long size, boolean invalidUtf8,
			List<CodeChunk> chunks, String refused) {

		static Outcome of(FileChunker chunker, Path file) {
			try {
				FileChunks result = chunker.chunk(file, file.toString().substring(1), null);
				return new Outcome(result.language(), result.fileId(), result.contentHash(), result.sizeBytes(),
						result.hasInvalidUtf8(), result.chunks(), null);
			}
			catch (ChunkingException ex) {
				return new Outcome(null, null, null, 0, false, List.of(), ex.reason().code());
			}
		}

	}

	static Map<Path, Outcome> sequential(FileChunker chunker, List<Path> files) {
		Map<Path, Outcome> result = new LinkedHashMap<>();
		files.forEach((file) -> result.put(file, Outcome.of(chunker, file)));
		return result;
	}

	@Test
	void eightThreadsMatchOneThreadAndTheCacheChangesNothing() throws Exception {
		List<Path> files = realFiles();
		assertThat(files).hasSize(1000);

		// Baseline: one thread, no AST cache.
		ChunkerSettings plain = ChunkerSettings.load(null, Map.of(), Map.of("performance.cache_size", 0));
		Map<Path, Outcome> expected;
		try (ChunkerRuntime runtime = plain.newChunkerRuntime()) {
			expected = sequential(runtime.chunker(), files);
		}
		for (Map.Entry<Path, Outcome> entry : expected.entrySet()) {
			if (entry.getValue().refused() == null) {
				ChunkInvariants.assertChunks(Files.readAllBytes(entry.getKey()), entry.getValue().chunks());
			}
		}
		long chunked = expected.values().stream().filter((o) -> o.refused() == null).count();
		assertThat(chunked).as("files chunked").isGreaterThan(990);
		// Empty files (__init__.py) are answered before any parse: no parser, no cache entry.
		long parsed = expected.values().stream().filter((o) -> o.refused() == null && o.size() > 0).count();
		assertThat(parsed).isLessThan(chunked);
		Set<String> languages = expected.values().stream().map(Outcome::language).filter((l) -> l != null)
			.collect(Collectors.toSet());
		assertThat(languages).contains("python", "c", "cpp");
		assertThat(expected.values().stream().mapToInt((o) -> o.chunks().size()).sum()).isGreaterThan(10_000);

		ChunkerSettings shared = ChunkerSettings.load(null, Map.of(), Map.of("performance.parser_pool_size", POOL_SIZE,
				"performance.cache_size", 2000, "performance.cache_max_memory_mb", 2048));
		try (ChunkerRuntime runtime = shared.newChunkerRuntime()) {
			FileChunker chunker = runtime.chunker();
			ExecutorService executor = Executors.newFixedThreadPool(THREADS);
			try {
				// Pass 1: eight threads, cold cache.
				Map<Path, FileChunks> first = run(executor, chunker, files);
				assertSame(expected, first);
				assertThat(first.values()).allSatisfy((r) -> assertThat(r.cacheHit()).isFalse());
				AstCache.Stats afterFirst = chunker.cache().stats();
				assertThat(afterFirst.hits()).isZero();
				assertThat(afterFirst.misses()).isEqualTo(parsed);
				assertThat(afterFirst.size()).isEqualTo(parsed);

				// Pass 2: every parse comes from the cache; the chunks are the same, ids included.
				Map<Path, FileChunks> second = run(executor, chunker, files);
				assertSame(expected, second);
				assertThat(second.values()).allSatisfy((r) -> assertThat(r.cacheHit()).isEqualTo(r.sizeBytes() > 0));
				AstCache.Stats afterSecond = chunker.cache().stats();
				assertThat(afterSecond.hits()).isEqualTo(parsed);
				assertThat(afterSecond.misses()).isEqualTo(parsed);
				assertThat(afterSecond.hitRate()).isEqualTo(0.5);
				assertThat(afterSecond.evictions()).isZero();
			}
			finally {
				executor.shutdownNow();
			}
			ParserPool.Stats pool = chunker.parsers().stats();
			assertThat(pool.created()).isLessThanOrEqualTo((long) POOL_SIZE * languages.size());
			assertThat(pool.borrowed()).isEqualTo(parsed);
			assertThat(pool.inUse()).isZero();
			assertThat(pool.waiting()).isZero();
			assertThat(pool.idle()).isEqualTo(pool.created() - pool.discarded());
		}
	}

	/** Chunks every file on the executor; null for refused files. */
	private static Map<Path, FileChunks> run(ExecutorService executor, FileChunker chunker, List<Path> files)
			throws Exception {
		List<Future<FileChunks>> futures = new ArrayList<>();
		for (Path file : files) {
			futures.add(executor.submit(() -> {
				try {
					return chunker.chunk(file, file.toString().substring(1), null);
				}
				catch (ChunkingException ex) {
					return null;
				}
			}));
		}
		Map<Path, FileChunks> result = new LinkedHashMap<>();
		for (int i = 0; i < files.size(); i++) {
			FileChunks chunks = futures.get(i).get();
			if (chunks != null) {
				result.put(files.get(i), chunks);
			}
		}
		return result;
	}

	private static void assertSame(Map<Path, Outcome> expected, Map<Path, FileChunks> actual) {
		for (Map.Entry<Path, Outcome> entry : expected.entrySet()) {
			Outcome want = entry.getValue();
			FileChunks got = actual.get(entry.getKey());
			if (want.refused() != null) {
				assertThat(got).as("%s was refused (%s) by one thread", entry.getKey(), want.refused()).isNull();
				continue;
			}
			assertThat(got).as("%s", entry.getKey()).isNotNull();
			assertThat(new Outcome(got.language(), got.fileId(), got.contentHash(), got.sizeBytes(), got.hasInvalidUtf8(),
					got.chunks(), null)).as("%s", entry.getKey()).isEqualTo(want);
		}
	}

}
