package dev.chunker.mcp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The excerpt of a search result: at most 20 lines and 1,500 characters, never a split surrogate pair. */
class ExcerptTest {

	@Test
	void aShortChunkIsWhole() {
		Excerpt excerpt = Excerpt.of("def f():\n    return 1\n");
		assertThat(excerpt.text()).isEqualTo("def f():\n    return 1\n");
		assertThat(excerpt.truncated()).isFalse();
	}

	@Test
	void aLongChunkStopsAfterTwentyLines() {
		String content = "x = 1\n".repeat(25);
		Excerpt excerpt = Excerpt.of(content);
		assertThat(excerpt.text()).isEqualTo("x = 1\n".repeat(ToolCatalog.EXCERPT_LINES));
		assertThat(excerpt.truncated()).isTrue();
		assertThat(Excerpt.of("x = 1\n".repeat(20)).truncated()).isFalse();
	}

	@Test
	void aLongLineStopsAtTheCharacterCapWithoutSplittingAPair() {
		String line = "a".repeat(ToolCatalog.EXCERPT_CHARS - 1) + "\uD83D\uDE00" + "b".repeat(100);
		Excerpt excerpt = Excerpt.of(line);
		assertThat(excerpt.truncated()).isTrue();
		assertThat(excerpt.text()).hasSize(ToolCatalog.EXCERPT_CHARS - 1).isEqualTo("a".repeat(ToolCatalog.EXCERPT_CHARS - 1));
		assertThat(Excerpt.of("c".repeat(3000)).text()).hasSize(ToolCatalog.EXCERPT_CHARS);
	}

}
