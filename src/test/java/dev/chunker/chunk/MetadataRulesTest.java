package dev.chunker.chunk;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code metadata} block of a rules file: read as data, and refused with a sentence naming the key when wrong. */
class MetadataRulesTest {

	private static final String HEAD = """
			languages:
			  python:
			    symbol: tree_sitter_python
			    extensions: [py]
			    chunk_types: [function_definition]
			""";

	@Test
	void aMetadataBlockIsReadAndItsAbsenceMeansNone() {
		ChunkRules rules = ChunkRules.parse(HEAD + """
				    metadata:
				      parameters: [parameters]
				      modifiers: [async]
				      docstrings: true
				      imports: [import_statement]
				""", "test.yaml", null);
		MetadataRules metadata = rules.get("python").metadata();
		assertThat(metadata.enabled()).isTrue();
		assertThat(metadata.parameters()).containsExactly("parameters");
		assertThat(metadata.modifiers()).containsExactly("async");
		assertThat(metadata.docstrings()).isTrue();
		assertThat(metadata.imports()).containsExactly("import_statement");
		assertThat(ChunkRules.parse(HEAD, "test.yaml", null).get("python").metadata().enabled()).isFalse();
	}

	@Test
	void badMetadataIsRefusedNamingTheKey() {
		assertThatThrownBy(() -> ChunkRules.parse(HEAD + "    metadata: [parameters]\n", "test.yaml", null))
			.hasMessage("test.yaml: languages.python.metadata must be a mapping");
		assertThatThrownBy(() -> ChunkRules.parse(HEAD + "    metadata:\n      returnz: [type]\n", "test.yaml", null))
			.hasMessage("test.yaml: unknown key languages.python.metadata.returnz");
		assertThatThrownBy(() -> ChunkRules.parse(HEAD + "    metadata:\n      docstrings: yes please\n", "test.yaml", null))
			.hasMessageContaining("languages.python.metadata.docstrings must be true or false");
		assertThatThrownBy(() -> ChunkRules.parse(HEAD + "    metadata:\n      bodies: body\n", "test.yaml", null))
			.hasMessageContaining("languages.python.metadata.bodies must be a list");
	}

}
