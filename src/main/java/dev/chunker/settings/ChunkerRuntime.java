package dev.chunker.settings;

import dev.chunker.chunk.FileChunker;

/** The chunking machinery of one process: a chunker with its parser pool and AST cache, closed together. */
public record ChunkerRuntime(FileChunker chunker) implements AutoCloseable {

	@Override
	public void close() {
		this.chunker.cache().clear();
		this.chunker.parsers().close();
	}

}
