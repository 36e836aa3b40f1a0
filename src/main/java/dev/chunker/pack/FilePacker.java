package dev.chunker.pack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import dev.chunker.chunk.ChunkIds;
import dev.chunker.chunk.ChunkingException;
import dev.chunker.chunk.CompiledLanguage;
import dev.chunker.chunk.FileChunker;
import dev.chunker.chunk.SourceFile;
import dev.chunker.chunk.SourceText;
import dev.chunker.chunk.SourceValidator;
import dev.chunker.treesitter.ParserPool;
import io.github.treesitter.jtreesitter.InputEncoding;
import io.github.treesitter.jtreesitter.Node;
import io.github.treesitter.jtreesitter.Tree;
import org.jspecify.annotations.Nullable;

/**
 * Packs files into windows: validates and detects the language as the chunker does, parses with a pooled parser,
 * packs ({@link WindowPacker}), merges ({@link WindowMerger}) and describes each window. Thread-safe.
 */
public final class FilePacker {

	private final FileChunker chunker;

	private final SourceValidator validator;

	public FilePacker(FileChunker chunker, long maxFileBytes) {
		this.chunker = chunker;
		this.validator = new SourceValidator(chunker.rules(), chunker.detector(), maxFileBytes);
	}

	/**
	 * Packs a file named by a user (a symbolic link is followed).
	 * @throws ChunkingException when the file cannot be read or parsed
	 */
	public PackedFile pack(Path file, String filePath, @Nullable String language, PackOptions options) {
		byte[] bytes = this.validator.file(file, SourceFile.Links.FOLLOW).readAll();
		return pack(bytes, filePath, language, options);
	}

	/**
	 * Packs bytes already read.
	 * @param language the language, or null to detect it from the path and first line
	 * @throws ChunkingException when the language is unknown or the parse fails
	 */
	public PackedFile pack(byte[] bytes, String filePath, @Nullable String language, PackOptions options) {
		String detected = this.validator.language(filePath, bytes, language);
		if (bytes.length == 0) {
			return new PackedFile(filePath, detected, 0, options, List.of());
		}
		SourceText source = new SourceText(bytes);
		return parsed(source, detected, (root, rules) -> pack(root, bytes, source, filePath, detected, rules, options));
	}

	/**
	 * Packs a file whose tree the chunker has just parsed ({@link FileChunker#chunkHashed(byte[], String, String,
	 * String, FileChunker.TreeWork)}), without parsing it again.
	 */
	public PackedFile pack(Tree tree, byte[] bytes, SourceText source, String filePath, String language,
			PackOptions options) {
		return pack(tree.getRootNode(), bytes, source, filePath, language,
				PackRules.of(this.chunker.compiled(language).rules()), options);
	}

	/** The windows of packing alone, or of packing and merging, for tests of the steps. */
	List<Draft> drafts(byte[] bytes, String language, PackOptions options, boolean merged) {
		SizeMeasure measure = measure(bytes, options);
		boolean anchored = options.mode() == PackOptions.Mode.ANCHORED;
		return parsed(new SourceText(bytes), language, (root, rules) -> {
			List<Draft> drafts = new WindowPacker(bytes, measure, options.budget(), anchored, rules).pack(root);
			return merged ? WindowMerger.merge(drafts, measure, options.budget(), anchored) : drafts;
		});
	}

	private <T> T parsed(SourceText source, String language, BiFunction<Node, PackRules, T> work) {
		CompiledLanguage compiled = this.chunker.compiled(language);
		try (ParserPool.Lease lease = this.chunker.parsers().borrow(language, compiled.language());
				Tree tree = lease.parser().parse(source.parseText(), InputEncoding.UTF_8)
					.orElseThrow(() -> new ChunkingException(ChunkingException.Reason.PARSE_FAILED, "the parser returned no tree"))) {
			return work.apply(tree.getRootNode(), PackRules.of(compiled.rules()));
		}
	}

	private static SizeMeasure measure(byte[] bytes, PackOptions options) {
		return (options.unit() == BudgetUnit.TOKENS) ? SizeMeasure.tokens(bytes, TokenCounter.of(options.encoding()))
				: SizeMeasure.nonWhitespace(bytes);
	}

	private static PackedFile pack(Node root, byte[] bytes, SourceText source, String filePath, String language,
			PackRules rules, PackOptions options) {
		TokenCounter tokens = TokenCounter.of(options.encoding());
		SizeMeasure measure = measure(bytes, options);
		boolean anchored = options.mode() == PackOptions.Mode.ANCHORED;
		List<Draft> drafts = new WindowPacker(bytes, measure, options.budget(), anchored, rules).pack(root);
		drafts = WindowMerger.merge(drafts, measure, options.budget(), anchored);
		int[] nws = SizeMeasure.nonWhitespacePrefix(bytes);
		ContextHeader headers = new ContextHeader(root, bytes, rules, filePath, language);
		List<PackedWindow> windows = new ArrayList<>(drafts.size());
		for (Draft draft : drafts) {
			int from = draft.from();
			int to = draft.to();
			String content = source.content(from, to);
			int tokenCount = tokens.count(content);
			int size = (options.unit() == BudgetUnit.TOKENS) ? tokenCount : nws[to] - nws[from];
			windows.add(new PackedWindow(filePath, language, windows.size(), from, to, source.lineOf(from),
					source.endLineOf(from, to), windowId(options, ChunkIds.contentHash(bytes, from, to)), nws[to] - nws[from],
					tokenCount, options.budget(), options.unit().id(), options.encoding(), options.algorithm(),
					size > options.budget(), headers.of(firstNonWhitespace(bytes, from, to)), content));
		}
		return new PackedFile(filePath, language, bytes.length, options, windows);
	}

	/** {@code sha1("window", algorithm, unit, budget, encoding, contentHash)}, NUL-separated, lower-case hex. */
	public static String windowId(PackOptions options, String contentHash) {
		return WindowIds.sha1("window", options.algorithm(), options.unit().id(), Integer.toString(options.budget()),
				options.encoding(), contentHash);
	}

	private static int firstNonWhitespace(byte[] bytes, int from, int to) {
		int at = from;
		while (at < to - 1 && Character.isWhitespace(bytes[at])) {
			at++;
		}
		return at;
	}

}
