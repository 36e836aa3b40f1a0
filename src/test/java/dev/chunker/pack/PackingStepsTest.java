package dev.chunker.pack;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The steps of packing on one small Java file with exact expectations: the greedy packing and where it descends,
 * the merge (anchored against plain), the line split of a comment too large alone, ids, headers and a token budget.
 */
class PackingStepsTest {

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

	static final String SAMPLE = """
			package demo;

			import java.util.List;

			/** A counter. */
			public class Counter {

			    private int count;

			    /** Adds one. */
			    public void increment() {
			        count++;
			    }

			    /**
			     * Adds many, one at a time, so that listeners
			     * see every step.
			     */
			    @Deprecated
			    public void addAll(List<Integer> values) {
			        for (int value : values) {
			            count += value;
			        }
			        System.out.println("added " + values.size() + " values to the counter now");
			    }

			    public int get() { return count; }
			}
			""";

	private static final byte[] BYTES = SAMPLE.getBytes(StandardCharsets.UTF_8);

	private static PackOptions budget(int budget, PackOptions.Mode mode) {
		return new PackOptions(budget, BudgetUnit.NWS_CHARS, TokenCounter.CL100K_BASE, mode);
	}

	private static List<String> texts(List<Draft> drafts) {
		return drafts.stream().map((d) -> new String(BYTES, d.from(), d.to() - d.from(), StandardCharsets.UTF_8)).toList();
	}

	@Test
	void packingIsGreedyOverSiblingsAndDescendsOnlyIntoWhatDoesNotFit() {
		// Budget 80: the file (361 non-whitespace characters) does not fit, so its children are packed: the package and
		// import run, then the class, which does not fit either and is packed from its parts. The class header and its
		// fields are one segment, each method (with its doc comment) another; increment fits whole; addAll (its doc
		// comment, its annotation and its signature first) is packed from its parts, its body from its statements. A
		// head that fits continues into the parts of what follows it: the class header into its body's fields, addAll's
		// name and parameters into its loop.
		assertThat(texts(packer.drafts(BYTES, "java", budget(80, PackOptions.Mode.ANCHORED), false))).containsExactly(
				"package demo;\n\nimport java.util.List;\n\n",
				"/** A counter. */\npublic class Counter {\n\n    private int count;\n\n",
				"    /** Adds one. */\n    public void increment() {\n        count++;\n    }\n\n",
				"    /**\n     * Adds many, one at a time, so that listeners\n     * see every step.\n     */\n    @Deprecated\n    public void ",
				"addAll(List<Integer> values) {\n        for (int value : values) {\n            count += value;\n        }\n",
				"        System.out.println(\"added \" + values.size() + \" values to the counter now\");\n    }\n\n",
				"    public int get() { return count; }\n}\n");
	}

	@Test
	void adjacentWindowsMergeWithinADefinitionButNotAcrossOne() {
		// Anchored, the merge has nothing left to join (the heads already continued into their bodies) and keeps
		// increment's window apart from the fields before it, which plain packing puts together.
		assertThat(texts(packer.drafts(BYTES, "java", budget(80, PackOptions.Mode.ANCHORED), true))).containsExactly(
				"package demo;\n\nimport java.util.List;\n\n",
				"/** A counter. */\npublic class Counter {\n\n    private int count;\n\n",
				"    /** Adds one. */\n    public void increment() {\n        count++;\n    }\n\n",
				"    /**\n     * Adds many, one at a time, so that listeners\n     * see every step.\n     */\n    @Deprecated\n    public void ",
				"addAll(List<Integer> values) {\n        for (int value : values) {\n            count += value;\n        }\n",
				"        System.out.println(\"added \" + values.size() + \" values to the counter now\");\n    }\n\n",
				"    public int get() { return count; }\n}\n");
		assertThat(texts(packer.drafts(BYTES, "java", budget(80, PackOptions.Mode.PLAIN), true))).containsExactly(
				"package demo;\n\nimport java.util.List;\n\n/** A counter. */\npublic class Counter {\n\n",
				"    private int count;\n\n    /** Adds one. */\n    public void increment() {\n        count++;\n    }\n\n",
				"    /**\n     * Adds many, one at a time, so that listeners\n     * see every step.\n     */\n    @Deprecated\n    public void ",
				"addAll(List<Integer> values) {\n        for (int value : values) {\n            count += value;\n        }\n",
				"        System.out.println(\"added \" + values.size() + \" values to the counter now\");\n    }\n\n",
				"    public int get() { return count; }\n}\n");
	}

	@Test
	void aCommentOverTheBudgetIsSplitOnLines() {
		// Budget 40: addAll's doc comment (55 non-whitespace characters) is a leaf too large alone: whole lines, greedily.
		List<String> windows = texts(packer.drafts(BYTES, "java", budget(40, PackOptions.Mode.ANCHORED), true));
		assertThat(windows).containsSubsequence("    /**\n     * Adds many, one at a time, so that listeners\n",
				"     * see every step.\n     */\n", "    @Deprecated\n    public void addAll");
		assertThat(String.join("", windows)).isEqualTo(SAMPLE);
	}

	@Test
	void windowsHaveContentIdsAndAContextHeaderOfTheirOwn() {
		PackedFile packed = packer.pack(BYTES, "demo/Counter.java", null, budget(80, PackOptions.Mode.ANCHORED));
		PackedInvariants.assertValid(BYTES, packed);
		PackedWindow loop = packed.windows().get(4);
		assertThat(loop.content()).startsWith("addAll(List<Integer> values) {");
		assertThat(loop.startLine()).isEqualTo(20);
		assertThat(loop.endLine()).isEqualTo(23);
		assertThat(loop.header()).isEqualTo("""
				file: demo/Counter.java
				package: demo
				in: public class Counter
				in: @Deprecated public void addAll(List<Integer> values)""");
		assertThat(packed.windows().get(2).header()).isEqualTo("file: demo/Counter.java\npackage: demo\nin: public class Counter");
		// The id is the content's and the packing's: another path gives other headers and the same ids.
		PackedFile moved = packer.pack(BYTES, "other/Counter.java", null, budget(80, PackOptions.Mode.ANCHORED));
		assertThat(moved.windows()).extracting(PackedWindow::windowId)
			.containsExactlyElementsOf(packed.windows().stream().map(PackedWindow::windowId).toList());
		assertThat(moved.windows().get(4).header()).startsWith("file: other/Counter.java\n");
		// Another budget or algorithm gives the same content another id.
		PackedWindow first = packed.windows().getFirst();
		PackedWindow plainFirst = packer.pack(BYTES, "demo/Counter.java", null, budget(80, PackOptions.Mode.PLAIN)).windows()
			.getFirst();
		assertThat(plainFirst.windowId()).isNotEqualTo(first.windowId());
		assertThat(first.windowId()).matches("[0-9a-f]{40}");
	}

	@Test
	void aTokenBudgetIsCountedInTokensOfTheEncoding() {
		PackOptions tokens = new PackOptions(30, BudgetUnit.TOKENS, TokenCounter.CL100K_BASE, PackOptions.Mode.ANCHORED);
		PackedFile packed = packer.pack(BYTES, "demo/Counter.java", null, tokens);
		PackedInvariants.assertValid(BYTES, packed);
		assertThat(packed.windows()).allSatisfy((window) -> assertThat(window.tokenCount()).isLessThanOrEqualTo(30));
		assertThat(packed.windows()).hasSizeGreaterThan(3);
		assertThat(TokenCounter.of(TokenCounter.CL100K_BASE).count("public void increment()")).isEqualTo(4);
	}

	@Test
	void aDeeplyNestedExpressionIsPackedWithinTheBudget() {
		// 20,000 terms of one left-nested sum, one per line: the tree is 20,000 levels deep.
		StringBuilder source = new StringBuilder("total = (0\n");
		for (int i = 1; i < 20_000; i++) {
			source.append("    + value_").append(i).append('\n');
		}
		source.append(")\n");
		byte[] bytes = source.toString().getBytes(StandardCharsets.UTF_8);
		PackedFile packed = packer.pack(bytes, "deep.py", null, PackOptions.defaults());
		assertThat(PackedInvariants.assertValid(bytes, packed)).isZero();
		assertThat(packed.windows()).hasSizeGreaterThan(100);
	}

	@Test
	@org.junit.jupiter.api.Timeout(120)
	void aMinifiedScriptOfOneLineIsPackedInBoundedTime() {
		// 2 MB on one line, thousands of functions: each definition's anchor looks at a bounded piece of its line (the
		// whole line per definition took minutes); the windows still tile the file, cut between functions.
		StringBuilder source = new StringBuilder();
		for (int i = 0; source.length() < 2 * 1024 * 1024; i++) {
			source.append("function f").append(i).append("(a){var x=[").append("1,2,3,4,5,6,7,8,9,".repeat(40))
				.append("0];return x[a]+").append(i).append('}');
		}
		byte[] bytes = source.toString().getBytes(StandardCharsets.UTF_8);
		PackedFile packed = packer.pack(bytes, "app.min.js.txt.js", null, PackOptions.defaults());
		assertThat(PackedInvariants.assertValid(bytes, packed)).isZero();
		assertThat(packed.windows()).hasSizeGreaterThan(1000);
	}

}
