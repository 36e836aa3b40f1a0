package dev.chunker.cli;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which URLs name an H2 file only this process opens (and so may be compacted after a run). */
class EmbeddedFileCompactionTest {

	@Test
	void onlyEmbeddedFileUrlsWithoutAutoServer() {
		assertThat(EmbeddedFileCompaction.embeddedFile("jdbc:h2:file:/data/index;WRITE_DELAY=0"))
			.isEqualTo(Path.of("/data/index.mv.db"));
		assertThat(EmbeddedFileCompaction.embeddedFile("jdbc:h2:/data/index")).isEqualTo(Path.of("/data/index.mv.db"));
		assertThat(EmbeddedFileCompaction.embeddedFile("jdbc:h2:~/index"))
			.isEqualTo(Path.of(System.getProperty("user.home") + "/index.mv.db"));
		assertThat(EmbeddedFileCompaction.embeddedFile("jdbc:h2:file:/data/index;AUTO_SERVER=TRUE")).isNull();
		assertThat(EmbeddedFileCompaction.embeddedFile("jdbc:h2:mem:x")).isNull();
		assertThat(EmbeddedFileCompaction.embeddedFile("jdbc:h2:tcp://host/index")).isNull();
		assertThat(EmbeddedFileCompaction.embeddedFile("jdbc:postgresql://127.0.0.1/index")).isNull();
	}

}
