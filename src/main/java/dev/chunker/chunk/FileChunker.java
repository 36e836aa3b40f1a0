package dev.chunker.chunk;

import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.chunker.treesitter.AstCache;
import dev.chunker.treesitter.ParserPool;
import io.github.treesitter.jtreesitter.InputEncoding;
import io.github.treesitter.jtreesitter.Parser;
import io.github.treesitter.jtreesitter.Tree;
import org.jspecify.annotations.Nullable;

/**
 * Chunks files: refuses what cannot be chunked with a reason ({@link SourceValidator}), parses with a pooled parser
 * (or takes the tree from the AST cache) and extracts. Thread-safe and stateless apart from the shared pool and
 * cache.
 */
public final class FileChunker {

	/** Files at least this large are parsed through a cancellable callback parse. */
	static final int CANCELLABLE_PARSE_BYTES = 256 * 1024;

	/** Bytes of a mapped file's start that the binary and language checks look at. */
	private static final int HEAD_BYTES = 64 * 1024;

	private final ChunkRules rules;

	private final LanguageDetector detector;

	private final SourceValidator validator;

	private final ParserPool parsers;

	private final AstCache cache;

	private final Options options;

	private final Map<String, CompiledLanguage> compiled = new ConcurrentHashMap<>();

	public FileChunker(ChunkRules rules, ParserPool parsers, AstCache cache, Options options) {
		this.rules = rules;
		this.detector = new LanguageDetector(rules);
		this.validator = new SourceValidator(rules, this.detector, options.maxFileBytes());
		this.parsers = parsers;
		this.cache = cache;
		this.options = options;
	}

	public ChunkRules rules() {
		return this.rules;
	}

	public LanguageDetector detector() {
		return this.detector;
	}

	public ParserPool parsers() {
		return this.parsers;
	}

	public AstCache cache() {
		return this.cache;
	}

	/**
	 * What a file's chunks depend on besides its bytes: the rules and the language's grammar. A change of either
	 * re-chunks the file.
	 */
	public String rulesVersion(String language) {
		return this.rules.version() + "|" + compiled(language).grammar().fingerprint();
	}

	/** The compiled rules of a language (compiled once, shared). */
	public CompiledLanguage compiled(String language) {
		return this.compiled.computeIfAbsent(language, (id) -> {
			LanguageRules languageRules = this.rules.get(id);
			if (languageRules == null) {
				throw SourceValidator.unsupported(id, true);
			}
			return new CompiledLanguage(languageRules);
		});
	}

	/**
	 * Chunks one file named by a user (a symbolic link is followed), through the AST cache.
	 * @param file the file on disk
	 * @param filePath its repository-relative path (used in ids)
	 * @param language the language, or null to detect it
	 * @return the chunks
	 * @throws ChunkingException when the file cannot be chunked
	 */
	public FileChunks chunk(Path file, String filePath, @Nullable String language) {
		SourceFile source = this.validator.file(file, SourceFile.Links.FOLLOW);
		byte[] bytes = source.readAll();
		String detected = this.validator.language(filePath, bytes, language);
		return chunkValid(bytes, ChunkIds.contentHash(bytes, 0, bytes.length), filePath, detected,
				new AstCache.Key(file.toAbsolutePath().toString(), source.mtimeMillis(), bytes.length, "", ""), null);
	}

	/**
	 * Reads a file listed by a scan (a symbolic link is refused), refusing what cannot be chunked with a reason.
	 * @param file the file
	 * @return its bytes
	 * @throws ChunkingException when the file is gone, unreadable, not regular or too large
	 */
	public byte[] read(Path file) {
		return this.validator.file(file, SourceFile.Links.REFUSE).readAll();
	}

	/** Chunks bytes already read; {@code cacheKey} (language and grammar are filled in here) may be null. */
	public FileChunks chunk(byte[] bytes, String filePath, @Nullable String language, AstCache.@Nullable Key cacheKey) {
		String detected = this.validator.language(filePath, bytes, language);
		return chunkValid(bytes, ChunkIds.contentHash(bytes, 0, bytes.length), filePath, detected, cacheKey, null);
	}

	/**
	 * Chunks bytes already read and hashed, so they are hashed once: the caller compares the hash with the stored one
	 * before deciding to chunk.
	 * @param bytes the file's bytes
	 * @param contentHash {@link ChunkIds#contentHash} of all of {@code bytes}
	 * @param filePath the repository-relative path
	 * @param language the language, or null to detect it
	 * @return the chunks
	 * @throws ChunkingException when the file cannot be chunked
	 */
	public FileChunks chunkHashed(byte[] bytes, String contentHash, String filePath, @Nullable String language) {
		return chunkHashed(bytes, contentHash, filePath, language, null);
	}

	/**
	 * Chunks bytes already read and hashed, and hands the parse tree to {@code alsoOnTree} before it is closed, so
	 * other work on the same tree (the packed view's windows) does not parse the file again. Not called for an empty
	 * file, which has no tree.
	 */
	public FileChunks chunkHashed(byte[] bytes, String contentHash, String filePath, @Nullable String language,
			@Nullable TreeWork alsoOnTree) {
		String detected = this.validator.language(filePath, bytes, language);
		return chunkValid(bytes, contentHash, filePath, detected, null, alsoOnTree);
	}

	/** Work on a file's parse tree while it is open. */
	@FunctionalInterface
	public interface TreeWork {

		void accept(Tree tree, SourceText source, String language);

	}

	private FileChunks chunkValid(byte[] bytes, String contentHash, String filePath, String language,
			AstCache.@Nullable Key cacheKey, @Nullable TreeWork alsoOnTree) {
		CompiledLanguage compiledLanguage = compiled(language);
		SourceText source = new SourceText(bytes);
		String fileId = ChunkIds.fileId(filePath);
		if (bytes.length == 0) {
			return new FileChunks(filePath, language, fileId, contentHash, 0, false, false, List.of());
		}
		Deadline deadline = Deadline.in(this.options.parseTimeoutMillis());
		AstCache.Key key = (cacheKey != null) ? new AstCache.Key(cacheKey.absolutePath(), cacheKey.mtimeMillis(),
				cacheKey.size(), language, compiledLanguage.grammar().fingerprint()) : null;
		Optional<Tree> cached = (key != null) ? this.cache.get(key) : Optional.empty();
		boolean hit = cached.isPresent();
		try (Tree tree = cached.orElseGet(() -> parse(source, language, compiledLanguage, deadline))) {
			if (!hit && key != null) {
				this.cache.put(key, tree, bytes.length);
			}
			List<Capture> embedded = EmbeddedRegions.captures(tree, source, compiledLanguage, this::compiled,
					this.parsers, deadline);
			List<CodeChunk> chunks = ChunkExtractor.extract(tree, source, compiledLanguage, filePath, deadline, embedded);
			if (alsoOnTree != null) {
				alsoOnTree.accept(tree, source, language);
			}
			return new FileChunks(filePath, language, fileId, contentHash, bytes.length, source.hasInvalidUtf8(), hit,
					chunks);
		}
		catch (ChunkingException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new ChunkingException(ChunkingException.Reason.EXTRACTION_FAILED,
					"extraction failed: " + ex.getClass().getSimpleName() + ": " + ex.getMessage(), ex);
		}
	}

	private Tree parse(SourceText source, String language, CompiledLanguage compiledLanguage, Deadline deadline) {
		try (ParserPool.Lease lease = this.parsers.borrow(language, compiledLanguage.language())) {
			Parser parser = lease.parser();
			if (source.onHeap() && (deadline.isNone() || source.length() < CANCELLABLE_PARSE_BYTES)) {
				return parser.parse(source.parseText(), InputEncoding.UTF_8)
					.orElseThrow(() -> new ChunkingException(ChunkingException.Reason.PARSE_FAILED, "the parser returned no tree"));
			}
			// Only a callback parse can be cancelled; its buffers live in the parser until it is closed, so
			// the parser is discarded afterwards.
			lease.discard();
			return callbackParse(parser, source, deadline);
		}
	}

	private Tree callbackParse(Parser parser, SourceText source, Deadline deadline) {
		int slice = this.options.streamingChunkBytes();
		Optional<Tree> tree = deadline.isNone()
				? parser.parse((offset, point) -> source.parseSlice(offset, slice), InputEncoding.UTF_8)
				: parser.parse((offset, point) -> source.parseSlice(offset, slice), InputEncoding.UTF_8,
						new Parser.Options((state) -> deadline.passed()));
		return tree.orElseThrow(deadline::exceeded);
	}

	/**
	 * Chunks a huge file listed by a scan in bounded memory: the file is memory-mapped (never copied onto the heap),
	 * the parser reads it in slices of {@code memory.streaming_chunk_size}, and chunks are handed to {@code batches}
	 * in lists of at most {@code batchSize} as extraction finds them.
	 * @return what was chunked
	 * @throws ChunkingException when the file cannot be chunked
	 */
	public StreamedFile chunkStreaming(Path file, String filePath, @Nullable String language, int batchSize,
			Consumer<List<CodeChunk>> batches) {
		SourceFile sourceFile = this.validator.file(file, SourceFile.Links.REFUSE);
		MappedByteBuffer mapped = sourceFile.map();
		byte[] head = new byte[(int) Math.min(sourceFile.sizeBytes(), HEAD_BYTES)];
		mapped.get(0, head);
		String detected = this.validator.language(filePath, head, language);
		CompiledLanguage compiledLanguage = compiled(detected);
		SourceText source = SourceText.mapped(mapped);
		String fileHash = source.contentHash(0, source.length());
		Deadline deadline = Deadline.in(this.options.parseTimeoutMillis());
		List<CodeChunk> batch = new ArrayList<>(batchSize);
		long count;
		try (ParserPool.Lease lease = this.parsers.borrow(detected, compiledLanguage.language())) {
			lease.discard();
			try (Tree tree = callbackParse(lease.parser(), source, deadline)) {
				count = ChunkExtractor.extract(tree, source, compiledLanguage, filePath, deadline, (chunk) -> {
					batch.add(chunk);
					if (batch.size() >= batchSize) {
						batches.accept(List.copyOf(batch));
						batch.clear();
					}
				});
			}
		}
		if (!batch.isEmpty()) {
			batches.accept(List.copyOf(batch));
		}
		return new StreamedFile(filePath, detected, ChunkIds.fileId(filePath), fileHash, sourceFile.sizeBytes(), count,
				source.hasInvalidUtf8());
	}

	/**
	 * A file chunked on the streaming path.
	 * @param filePath repository-relative path
	 * @param language detected language
	 * @param fileId identity of the path
	 * @param contentHash SHA-1 of the file
	 * @param sizeBytes size in bytes
	 * @param chunkCount chunks emitted
	 * @param hasInvalidUtf8 whether invalid UTF-8 was replaced
	 */
	public record StreamedFile(String filePath, String language, String fileId, String contentHash, long sizeBytes,
			long chunkCount, boolean hasInvalidUtf8) {
	}

	/**
	 * Limits applied to every file.
	 * @param maxFileBytes files larger than this are refused
	 * @param parseTimeoutMillis time budget of one file's parse and extraction (0: none)
	 * @param streamingChunkBytes bytes handed to the parser per read on the callback path
	 */
	public record Options(long maxFileBytes, long parseTimeoutMillis, int streamingChunkBytes) {

	}

}
