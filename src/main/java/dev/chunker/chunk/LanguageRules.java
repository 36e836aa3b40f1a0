package dev.chunker.chunk;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The chunk rules of one language, read from {@code config/languages.yaml}.
 * @param id the language identifier (e.g. {@code python}, {@code c_sharp})
 * @param symbol the grammar's exported function (in the native bundle, or in {@code library})
 * @param extensions file extensions without the dot, lower case
 * @param filenames exact file names
 * @param shebangs interpreter names recognised on a {@code #!} first line
 * @param chunkTypes node types (or raw query patterns capturing {@code @chunk}) that become chunks
 * @param wrappers node types whose first inner definition takes the wrapper's span
 * @param comments comment node types attached to the definition directly below them
 * @param skipInside node types whose subtrees produce no chunks
 * @param nameFields fields tried in order to find a definition's name
 * @param nameHolders node types searched for a name when no field matches
 * @param minChunkLines definitions with fewer lines are not emitted on their own (0 or 1: all are)
 * @param maxChunkLines definitions with more lines are split into parts (0: never)
 * @param enabled whether files of this language are chunked at all
 * @param excludePatterns globs of repository-relative paths of this language that are not indexed
 * @param library a grammar library of its own that exports {@code symbol}, or null for the native bundle
 * @param leading node types (or raw patterns capturing {@code @comment}) that join the definition directly below
 *     them as comments do, but stay content where a definition ends: doc strings, attributes, type signatures
 * @param contentExtensions extensions this language claims only when a file's first bytes match
 *     {@code contentPattern} (Objective-C's {@code .m} and {@code .h}); otherwise they go by {@code extensions}
 * @param contentPattern the regular expression for {@code contentExtensions}, or null when there are none
 * @param embedded raw patterns capturing a region of another language as {@code @embedded.<language>} (a
 *     {@code <script lang="ts">} block's text), whose definitions become chunks inside this file's
 * @param metadata how definitions' signatures, docs and the file's imports are found ({@link MetadataRules#NONE}:
 *     not at all)
 */
public record LanguageRules(String id, String symbol, List<String> extensions, List<String> filenames,
		List<String> shebangs, List<String> chunkTypes, List<String> wrappers, List<String> comments,
		List<String> skipInside, List<String> nameFields, List<String> nameHolders, int minChunkLines,
		int maxChunkLines, boolean enabled, List<String> excludePatterns, @Nullable Path library,
		List<String> leading, List<String> contentExtensions, @Nullable Pattern contentPattern, List<String> embedded,
		MetadataRules metadata) {

	public LanguageRules {
		extensions = List.copyOf(extensions);
		filenames = List.copyOf(filenames);
		shebangs = List.copyOf(shebangs);
		chunkTypes = List.copyOf(chunkTypes);
		wrappers = List.copyOf(wrappers);
		comments = List.copyOf(comments);
		skipInside = List.copyOf(skipInside);
		nameFields = List.copyOf(nameFields);
		nameHolders = List.copyOf(nameHolders);
		excludePatterns = List.copyOf(excludePatterns);
		leading = List.copyOf(leading);
		contentExtensions = List.copyOf(contentExtensions);
		embedded = List.copyOf(embedded);
		if (!contentExtensions.isEmpty() && contentPattern == null) {
			throw new IllegalArgumentException("languages." + id + ".content_extensions needs a content_pattern");
		}
		if (chunkTypes.isEmpty()) {
			throw new IllegalArgumentException("languages." + id + ".chunk_types must not be empty");
		}
		if (minChunkLines < 0) {
			throw new IllegalArgumentException("languages." + id + ".min_chunk_size must be >= 0, was " + minChunkLines);
		}
		if (maxChunkLines < 0) {
			throw new IllegalArgumentException("languages." + id + ".max_chunk_size must be >= 0, was " + maxChunkLines);
		}
		if (maxChunkLines > 0 && minChunkLines > maxChunkLines) {
			throw new IllegalArgumentException("languages." + id + ".min_chunk_size (" + minChunkLines
					+ ") is larger than max_chunk_size (" + maxChunkLines + ")");
		}
	}

	public LanguageRules withSizes(int minLines, int maxLines) {
		return new LanguageRules(this.id, this.symbol, this.extensions, this.filenames, this.shebangs, this.chunkTypes,
				this.wrappers, this.comments, this.skipInside, this.nameFields, this.nameHolders, minLines, maxLines,
				this.enabled, this.excludePatterns, this.library, this.leading, this.contentExtensions, this.contentPattern,
				this.embedded, this.metadata);
	}

	public LanguageRules withChunkTypes(List<String> types) {
		return new LanguageRules(this.id, this.symbol, this.extensions, this.filenames, this.shebangs, types,
				this.wrappers, this.comments, this.skipInside, this.nameFields, this.nameHolders, this.minChunkLines,
				this.maxChunkLines, this.enabled, this.excludePatterns, this.library, this.leading, this.contentExtensions, this.contentPattern,
				this.embedded, this.metadata);
	}

	public LanguageRules withEnabled(boolean on) {
		return new LanguageRules(this.id, this.symbol, this.extensions, this.filenames, this.shebangs, this.chunkTypes,
				this.wrappers, this.comments, this.skipInside, this.nameFields, this.nameHolders, this.minChunkLines,
				this.maxChunkLines, on, this.excludePatterns, this.library, this.leading, this.contentExtensions, this.contentPattern,
				this.embedded, this.metadata);
	}

	public LanguageRules withExcludePatterns(List<String> patterns) {
		return new LanguageRules(this.id, this.symbol, this.extensions, this.filenames, this.shebangs, this.chunkTypes,
				this.wrappers, this.comments, this.skipInside, this.nameFields, this.nameHolders, this.minChunkLines,
				this.maxChunkLines, this.enabled, patterns, this.library, this.leading, this.contentExtensions,
				this.contentPattern, this.embedded, this.metadata);
	}

}
