package dev.chunker.job;

import java.util.List;

import dev.chunker.chunk.FileChunker;
import dev.chunker.chunk.SourceText;
import dev.chunker.pack.FilePacker;
import dev.chunker.pack.PackOptions;
import dev.chunker.pack.PackedWindow;
import dev.chunker.settings.ChunkerSettings;
import io.github.treesitter.jtreesitter.Tree;
import org.jspecify.annotations.Nullable;

/**
 * The views an index run builds ({@code chunking.views}): the definition chunks always, the packed view's windows
 * when configured. How the windows are cut is part of a file's rules version, so a file whose windows were cut with
 * another budget, unit or encoding is indexed again rather than kept.
 */
public final class IndexViews {

	private final FileChunker chunker;

	private final @Nullable FilePacker packer;

	private final ChunkerSettings settings;

	public IndexViews(FileChunker chunker, ChunkerSettings settings) {
		this.chunker = chunker;
		this.settings = settings;
		this.packer = settings.chunking().packedView() ? new FilePacker(chunker, settings.memory().maxFileBytes()) : null;
	}

	/** Whether the packed view is built. */
	public boolean packed() {
		return this.packer != null;
	}

	/** What a file's stored rows depend on besides its bytes: the chunk rules, the grammar, and how windows are cut. */
	public String rulesVersion(String language) {
		String chunks = this.chunker.rulesVersion(language);
		PackOptions options = this.settings.packOptions(language);
		return (this.packer == null) ? chunks
				: chunks + "|" + options.algorithm() + ":" + options.unit().id() + ":" + options.budget() + ":"
						+ options.encoding();
	}

	/**
	 * The windows of a file from the tree the chunker parsed, or null when the packed view is not built.
	 */
	public @Nullable List<PackedWindow> windows(Tree tree, byte[] bytes, SourceText source, String filePath,
			String language) {
		return (this.packer == null) ? null
				: this.packer.pack(tree, bytes, source, filePath, language, this.settings.packOptions(language)).windows();
	}

	/** The windows of a file's bytes, or null when the packed view is not built. */
	public @Nullable List<PackedWindow> windows(byte[] bytes, String filePath, String language) {
		return (this.packer == null) ? null
				: this.packer.pack(bytes, filePath, language, this.settings.packOptions(language)).windows();
	}

}
