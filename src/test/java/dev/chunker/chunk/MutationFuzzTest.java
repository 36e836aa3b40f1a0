package dev.chunker.chunk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.chunker.chunk.FuzzCorpus.Source;
import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Bad bytes at scale: real files of every language ({@link FuzzCorpus}), mutated by a seeded {@link Mutator} (bit
 * flips, truncation, inserted NULs, invalid UTF-8 and random bytes, deleted and copied ranges) and chunked. Whatever
 * the bytes, the chunker either refuses the file with its own {@link ChunkingException} or returns chunks that slice
 * back ({@link ChunkInvariants}: content is the file's bytes of the range decoded, lines and ids agree); no other
 * exception, and no native crash (which would end the test JVM: the input being chunked is in
 * {@code target/mutation-fuzz-current.txt}).
 * <p>
 * The default run chunks {@value #DEFAULT_INPUTS} inputs with a fixed seed ({@code -Dchunker.fuzz.seed=S} for another).
 * The test tagged {@code fuzz} runs as many as {@code -Dchunker.fuzz.count=N} says, with a new seed each time, and
 * only when that count is given: {@code mvn test -Dtest=MutationFuzzTest -Dgroups=fuzz -Dchunker.excluded.groups= -Dchunker.fuzz.count=100000}. Every
 * failure names its seed and input; {@code -Dchunker.fuzz.seed=S -Dchunker.fuzz.input=I} replays exactly that input
 * (the corpus is the same on the same machine).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MutationFuzzTest {

	static final int DEFAULT_INPUTS = 3000;

	static final long DEFAULT_SEED = 0x13_5eedL;

	private ChunkerRuntime runtime;

	private Map<String, List<Source>> corpus;

	private List<String> languages;

	@BeforeAll
	void start() throws IOException {
		this.runtime = ChunkerSettings.defaults().newChunkerRuntime();
		long loading = System.nanoTime();
		this.corpus = FuzzCorpus.load(this.runtime.chunker().detector());
		this.languages = new ArrayList<>(this.corpus.keySet());
		// Every enabled language of the rules has at least its sample.
		List<String> enabled = this.runtime.chunker().rules().all().stream().filter(LanguageRules::enabled)
			.map(LanguageRules::id).sorted().toList();
		assertThat(this.languages).containsExactlyInAnyOrderElementsOf(enabled);
		StringBuilder sizes = new StringBuilder("mutation fuzz corpus (" + (System.nanoTime() - loading) / 1_000_000 + " ms):");
		this.corpus.forEach((language, files) -> sizes.append(' ').append(language).append('=').append(files.size()));
		System.out.println(sizes);
	}

	@AfterAll
	void stop() {
		this.runtime.close();
	}

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void mutatedRealFilesOfEveryLanguageAreRefusedOrSliceBack() throws IOException {
		run(Long.getLong("chunker.fuzz.seed", DEFAULT_SEED), DEFAULT_INPUTS);
	}

	/** The long run: only with {@code -Dchunker.fuzz.count=N}, so a build that does not exclude the tag stays short. */
	@Test
	@Tag("fuzz")
	@EnabledIfSystemProperty(named = "chunker.fuzz.count", matches = "\\d+")
	void manyMoreMutationsWithANewSeed() throws IOException {
		run(Long.getLong("chunker.fuzz.seed", System.nanoTime()), Integer.getInteger("chunker.fuzz.count", 0));
	}

	private void run(long seed, int count) throws IOException {
		Integer only = Integer.getInteger("chunker.fuzz.input");
		System.out.printf("mutation fuzz: seed %d, %d inputs (replay: -Dchunker.fuzz.seed=%d -Dchunker.fuzz.input=N)%n",
				seed, count, seed);
		Path current = currentInputFile();
		long started = System.nanoTime();
		Map<String, Integer> outcomes = new TreeMap<>();
		Map<String, Integer> chunkedPerLanguage = new TreeMap<>();
		long chunks = 0;
		for (int input = (only != null) ? only : 0; input < ((only != null) ? only + 1 : count); input++) {
			SplittableRandom random = new SplittableRandom(seed ^ (input * 0x9E3779B97F4A7C15L));
			String language = this.languages.get(input % this.languages.size());
			List<Source> files = this.corpus.get(language);
			Source source = files.get(random.nextInt(files.size()));
			Mutator.Mutation mutation = Mutator.mutate(source.bytes(), random);
			String what = "seed " + seed + ", input " + input + ": " + source.path() + " (" + language + ", "
					+ source.bytes().length + " bytes) mutated " + mutation.steps() + " to " + mutation.bytes().length
					+ " bytes\nreplay: -Dchunker.fuzz.seed=" + seed + " -Dchunker.fuzz.input=" + input;
			Files.writeString(current, what + "\n");
			if (only != null) {
				System.out.println(what);
			}
			FileChunks result;
			try {
				result = this.runtime.chunker().chunk(mutation.bytes(), source.name(), language, null);
			}
			catch (ChunkingException ex) {
				outcomes.merge(ex.reason().code(), 1, Integer::sum);
				continue;
			}
			catch (Throwable ex) {
				throw new AssertionError("an exception other than ChunkingException escaped, " + what, ex);
			}
			try {
				assertThat(result.language()).isEqualTo(language);
				ChunkInvariants.assertValid(mutation.bytes(), result);
			}
			catch (AssertionError ex) {
				fail("an invariant does not hold, " + what + "\n" + ex.getMessage(), ex);
			}
			outcomes.merge("chunked", 1, Integer::sum);
			chunkedPerLanguage.merge(language, 1, Integer::sum);
			chunks += result.chunks().size();
		}
		Files.deleteIfExists(current);
		System.out.println("mutation fuzz outcomes: " + outcomes + ", " + chunks + " chunks in "
				+ (System.nanoTime() - started) / 1_000_000 + " ms; chunked per language: " + chunkedPerLanguage);
		if (only == null) {
			// Most mutated files reach the parser (a NUL in the first 8 KiB makes a file binary, which is fine, but
			// a test that only saw refusals would test nothing), in every language.
			assertThat(outcomes.getOrDefault("chunked", 0)).as("seed %d: %s", seed, outcomes).isGreaterThan(count / 2);
			assertThat(chunkedPerLanguage.keySet()).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(this.languages);
		}
	}

	/** Where the input being chunked is written first, so a native crash leaves its seed and input behind. */
	private static Path currentInputFile() throws IOException {
		Path target = Path.of("target");
		Path dir = Files.isDirectory(target) ? target : Path.of(System.getProperty("java.io.tmpdir"));
		return dir.resolve("mutation-fuzz-current.txt");
	}

}
