package dev.chunker.pack;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.chunker.chunk.CodeChunk;
import dev.chunker.chunk.FuzzCorpus;
import dev.chunker.chunk.LanguageRules;
import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packed view on real code: every enabled language's sample and the JDK's {@code java.util} sources are covered
 * byte for byte at several budgets, in both units and both modes; only single lines exceed the budget; a doc comment
 * stays in the window of the declaration it documents.
 */
class PackedCorpusTest {

	private static ChunkerRuntime runtime;

	private static FilePacker packer;

	@BeforeAll
	static void start() {
		runtime = ChunkerSettings.defaults().newUncachedChunkerRuntime();
		packer = new FilePacker(runtime.chunker(), Long.MAX_VALUE);
	}

	@AfterAll
	static void stop() {
		runtime.close();
	}

	private static List<PackOptions> variants() {
		List<PackOptions> variants = new java.util.ArrayList<>();
		for (PackOptions.Mode mode : PackOptions.Mode.values()) {
			variants.add(PackOptions.defaults().withMode(mode));
			variants.add(new PackOptions(120, BudgetUnit.NWS_CHARS, TokenCounter.CL100K_BASE, mode));
			variants.add(new PackOptions(40, BudgetUnit.TOKENS, TokenCounter.O200K_BASE, mode));
		}
		return variants;
	}

	@Test
	void everyEnabledLanguageSampleIsCoveredExactly() {
		Set<String> covered = new TreeSet<>();
		int windows = 0;
		for (Map.Entry<String, String> sample : FuzzCorpus.samples().entrySet()) {
			byte[] bytes = sample.getValue().getBytes(StandardCharsets.UTF_8);
			String language = runtime.chunker().detector().detect(sample.getKey(), bytes);
			assertThat(language).as("language of %s", sample.getKey()).isNotNull();
			for (PackOptions options : variants()) {
				PackedFile packed = packer.pack(bytes, sample.getKey(), null, options);
				PackedInvariants.assertValid(bytes, packed);
				assertThat(packer.pack(bytes, sample.getKey(), null, options)).as("deterministic").isEqualTo(packed);
				windows += packed.windows().size();
			}
			covered.add(language);
		}
		Set<String> enabled = runtime.chunker().rules().all().stream().filter(LanguageRules::enabled)
			.map(LanguageRules::id).collect(Collectors.toCollection(TreeSet::new));
		assertThat(covered).containsAll(enabled);
		assertThat(windows).isGreaterThan(covered.size() * variants().size());
	}

	@Test
	void javaUtilIsCoveredExactlyAndDocCommentsStayWithTheirDeclarations() throws Exception {
		Map<String, byte[]> files = JdkSources.javaUtil();
		assertThat(files).hasSizeGreaterThan(100);
		long windows = 0;
		long over = 0;
		DocAttachment attachment = new DocAttachment();
		for (Map.Entry<String, byte[]> file : files.entrySet()) {
			byte[] bytes = file.getValue();
			List<CodeChunk> definitions = runtime.chunker().chunk(bytes, file.getKey(), null, null).chunks();
			for (PackOptions.Mode mode : PackOptions.Mode.values()) {
				PackedFile packed = packer.pack(bytes, file.getKey(), null, PackOptions.defaults().withMode(mode));
				over += PackedInvariants.assertValid(bytes, packed);
				windows += packed.windows().size();
				if (mode == PackOptions.Mode.ANCHORED) {
					attachment.count(bytes, definitions, packed);
				}
			}
		}
		System.out.printf("java.util: %d files, %d windows (both modes), %d over budget (single lines); %s%n",
				files.size(), windows, over, attachment);
		assertThat(attachment.documented).isGreaterThan(2500);
		// A doc comment that fits half the budget is never separated from the declaration below it, and one that fits
		// the budget is whole in its declaration's window at least 99 % of the time.
		assertThat(attachment.separatedFitting).as(attachment.toString()).isZero();
		assertThat(attachment.wholeFitting * 100L).as(attachment.toString())
			.isGreaterThanOrEqualTo(attachment.fitting * 99L);
	}

	/**
	 * Doc comments of definitions, as the definition chunks attach them (an independent rule: the chunker's comment
	 * attachment), against the windows: is the comment's end in the window where its declaration starts, and is the
	 * whole comment?
	 */
	static final class DocAttachment {

		long documented;

		long whole;

		long fitting;

		long wholeFitting;

		long separated;

		long separatedFitting;

		void count(byte[] bytes, List<CodeChunk> definitions, PackedFile packed) {
			int[] nws = SizeMeasure.nonWhitespacePrefix(bytes);
			for (CodeChunk chunk : definitions) {
				if (chunk.partIndex() != 0 || !chunk.content().startsWith("/**")) {
					continue;
				}
				int commentEnd = commentEnd(bytes, chunk.byteStart(), chunk.byteEnd());
				int declaration = commentEnd;
				while (declaration < chunk.byteEnd() && Character.isWhitespace(bytes[declaration])) {
					declaration++;
				}
				if (commentEnd < 0 || declaration >= chunk.byteEnd()) {
					continue;
				}
				this.documented++;
				PackedWindow window = windowAt(packed, declaration);
				boolean fits = nws[commentEnd] - nws[chunk.byteStart()] <= packed.options().budget();
				this.fitting += fits ? 1 : 0;
				if (window.byteStart() <= chunk.byteStart()) {
					this.whole++;
					this.wholeFitting += fits ? 1 : 0;
				}
				if (window.byteStart() >= commentEnd) {
					this.separated++;
					if (nws[commentEnd] - nws[chunk.byteStart()] <= packed.options().budget() / 2) {
						this.separatedFitting++;
					}
				}
			}
		}

		/** The end of the run of comments that starts the chunk (after its last {@code * /} or line comment). */
		static int commentEnd(byte[] bytes, int from, int to) {
			String text = new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
			int at = 0;
			while (true) {
				while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
					at++;
				}
				if (text.startsWith("/*", at)) {
					int close = text.indexOf("*/", at + 2);
					if (close < 0) {
						return -1;
					}
					at = close + 2;
				}
				else if (text.startsWith("//", at)) {
					int newline = text.indexOf('\n', at);
					at = (newline < 0) ? text.length() : newline;
				}
				else {
					return from + at;
				}
			}
		}

		private static PackedWindow windowAt(PackedFile packed, int offset) {
			for (PackedWindow window : packed.windows()) {
				if (window.byteStart() <= offset && offset < window.byteEnd()) {
					return window;
				}
			}
			throw new AssertionError("no window holds byte " + offset);
		}

		@Override
		public String toString() {
			return String.format("doc comments: %d, whole in the declaration's window: %d (%.2f %%); within the budget:"
					+ " %d, whole: %d (%.2f %%); end separated from the declaration: %d (of which within half the budget:"
					+ " %d)", this.documented, this.whole, 100.0 * this.whole / Math.max(1, this.documented), this.fitting,
					this.wholeFitting, 100.0 * this.wholeFitting / Math.max(1, this.fitting), this.separated,
					this.separatedFitting);
		}

	}

}
