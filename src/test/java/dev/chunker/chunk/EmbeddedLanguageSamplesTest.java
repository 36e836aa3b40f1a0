package dev.chunker.chunk;


import org.junit.jupiter.api.Test;

import static dev.chunker.chunk.LanguageSamplesTest.find;
import static dev.chunker.chunk.LanguageSamplesTest.outline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Samples with exact expected chunks for the component and page languages (HTML, Vue, Svelte): their script and
 * style blocks are chunks, and the definitions of the language inside a block (TypeScript for
 * {@code <script lang="ts">}, JavaScript, CSS) are chunks inside it, parsed over the file's own text through
 * tree-sitter's included ranges. Same conventions as {@link LanguageSamplesTest}.
 */
class EmbeddedLanguageSamplesTest extends SampleChunking {

	/** A sample's chunks, none of them with a parse error. */
	private static FileChunks chunkClean(String path, String source) {
		FileChunks result = chunk(path, source);
		assertThat(result.chunks()).allSatisfy((c) -> assertThat(c.hasError()).as("has_error of %s", c.qualifiedName()).isFalse());
		return result;
	}

	static final String HTML = """
		<!DOCTYPE html>
		<html>
		<head>
		  <style>
		    /* Page title. */
		    h1 { color: navy; }
		    @media print { h1 { color: black; } }
		  </style>
		  <script type="application/json">{"config": {"debug": true}}</script>
		</head>
		<body>
		  <h1>Counter</h1>
		  <script>
		    // Adds one.
		    function increment(n) {
		      return n + 1;
		    }
		    class Counter {
		      tick() { this.n = increment(this.n); }
		    }
		  </script>
		</body>
		</html>
		""";

	@Test
	void html() {
		FileChunks result = chunkClean("site/index.html", HTML);
		assertThat(result.language()).isEqualTo("html");
		// The JSON block is a script chunk without definitions inside: its type is not JavaScript.
		assertThat(outline(result)).containsExactly(
				"style_element style 4-8 <-",
				"rule_set style.h1 5-6 <style",
				"media_statement style.print 7-7 <style",
				"rule_set style.print.h1 7-7 <style.print",
				"script_element script 9-9 <-",
				"script_element script 13-21 <-",
				"function_declaration script.increment 14-17 <script",
				"class_declaration script.Counter 18-20 <script",
				"method_definition script.Counter.tick 19-19 <script.Counter");
		CodeChunk increment = find(result, "script.increment");
		assertThat(increment.content()).startsWith("// Adds one.").endsWith("}");
		// its parent is the second script block, the one it is in
		CodeChunk block = result.chunks().stream().filter((c) -> c.chunkId().equals(increment.parentChunkId())).findFirst().orElseThrow();
		assertThat(block.startLine()).isEqualTo(13);
	}

	static final String VUE = """
		<template>
		  <button @click="increment">{{ count }}</button>
		</template>

		<script lang="ts">
		import { defineComponent } from 'vue'

		interface State { count: number }

		/** A counter. */
		export default defineComponent({
		  data(): State {
		    return { count: 0 }
		  },
		  methods: {
		    increment(): void {
		      this.count++
		    },
		  },
		})

		function double(x: number): number {
		  return x * 2
		}
		</script>

		<style lang="scss" scoped>
		.counter { .label { color: red; } }
		</style>
		""";

	@Test
	void vue() {
		FileChunks result = chunkClean("src/components/Counter.vue", VUE);
		assertThat(result.language()).isEqualTo("vue");
		// The script is TypeScript (lang="ts"): its interface, methods and function are chunks inside the script
		// chunk. The first method does not take the span of `export default defineComponent(...)`: only a
		// wrapper's own definition does. The SCSS style is a chunk, its text not parsed as CSS.
		assertThat(outline(result)).containsExactly(
				"element template 1-3 <-",
				"script_element script 5-25 <-",
				"interface_declaration script.State 8-8 <script",
				"method_definition script.data 12-14 <script",
				"method_definition script.increment 16-18 <script",
				"function_declaration script.double 22-24 <script",
				"style_element style 27-29 <-");
		assertThat(find(result, "script.double").content()).isEqualTo("""
				function double(x: number): number {
				  return x * 2
				}""");
	}

	static final String SVELTE = """
		<script lang="ts">
		  export let name: string = 'world';
		  function greet(): void {
		    alert(`Hello ${name}!`);
		  }
		</script>

		<h1 on:click={greet}>Hello {name}!</h1>
		{#if name}
		  <p>{name}</p>
		{/if}

		<style>
		  h1 { color: purple; }
		</style>
		""";

	@Test
	void svelte() {
		FileChunks result = chunkClean("src/App.svelte", SVELTE);
		assertThat(result.language()).isEqualTo("svelte");
		assertThat(outline(result)).containsExactly(
				"script_element script 1-6 <-",
				"function_declaration script.greet 3-5 <script",
				"style_element style 13-15 <-",
				"rule_set style.h1 14-14 <style");
	}

	@Test
	void anEmbeddedRegionOfAnUnknownLanguageIsRefusedWhenTheRulesAreRead() {
		String rules = """
				languages:
				  page:
				    symbol: tree_sitter_html
				    extensions: [page]
				    chunk_types: [script_element]
				    embedded: ['(script_element (raw_text) @embedded.coffeescript)']
				""";
		assertThatThrownBy(() -> ChunkRules.parse(rules, "rules.yaml", null))
			.hasMessageContaining("languages.page.embedded: 'coffeescript' is no other language of these rules");
	}

	@Test
	void badRuleMeansAreRefusedWithTheKeyNamed() {
		String base = """
				languages:
				  page:
				    symbol: tree_sitter_html
				    extensions: [page]
				""";
		assertThatThrownBy(() -> ChunkRules.parse(base + "    chunk_types: [script_element]\n    content_extensions: [m]\n",
				"rules.yaml", null)).hasMessageContaining("languages.page.content_extensions needs a content_pattern");
		assertThatThrownBy(() -> ChunkRules.parse(base + "    chunk_types: [script_element]\n    content_pattern: '(['\n",
				"rules.yaml", null)).hasMessageContaining("languages.page.content_pattern is not a valid regular expression");
		// A predicate the chunker does not check itself is refused when the language is compiled, not ignored.
		ChunkRules rules = ChunkRules.parse(base
				+ "    chunk_types: ['((script_element (start_tag (tag_name) @t)) @chunk (#set! x \"y\"))']\n", "rules.yaml", null);
		assertThatThrownBy(() -> new CompiledLanguage(rules.get("page")))
			.hasMessageContaining("languages.page.chunk_types: only #eq?, #any-of? and #match?");
		ChunkRules twoStrings = ChunkRules.parse(base
				+ "    chunk_types: ['((script_element (start_tag (tag_name) @t)) @chunk (#eq? @t \"a\" \"b\"))']\n", "rules.yaml", null);
		assertThatThrownBy(() -> new CompiledLanguage(twoStrings.get("page"))).hasMessageContaining("#eq? takes one capture and one string");
	}

}
