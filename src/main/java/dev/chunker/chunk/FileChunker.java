package dev.chunker.chunk;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.chunker.treesitter.AstCache;
import dev.chunker.treesitter.ParserPool;
import io.github.treesitter.jtreesitter.InputEncoding;
import io.github.treesitter.jtreesitter.Parser;
import io.github.treesitter.jtreesitter.Tree;
import org.jspecify.annotations.Nullable;

/**
 * Chunks files: reads, refuses what cannot be chunked with a reason, parses with a pooled parser (or takes the tree
 * from the AST cache) and extracts. Thread-safe and stateless apart from the shared pool and cache.
 */
public final class FileChunker {

	/**
	 * The largest file that can be parsed: tree-sitter addresses input with 32-bit offsets (4 GiB), and jtreesitter
	 * exposes them as Java {@code int}s, so 2 GiB is the limit in practice.
	 */
	public static final long PARSER_LIMIT_BYTES = Integer.MAX_VALUE;

	/** Files at least this large are parsed through a cancellable callback parse. */
	static final int CANCELLABLE_PARSE_BYTES = 256 * 1024;

	private final ChunkRules rules;

	private final LanguageDetector detector;

	private final ParserPool parsers;

	private final AstCache cache;

	private final Options options;

	private final Map<String, CompiledLanguage> compiled = new ConcurrentHashMap<>();

	public FileChunker(ChunkRules rules, ParserPool parsers, AstCache cache, Options options) {
		this.rules = rules;
		this.detector = new LanguageDetector(rules);
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
				throw new ChunkingException(ChunkingException.Reason.UNSUPPORTED_LANGUAGE, "unknown language '" + id + "'");
			}
			return new CompiledLanguage(languageRules);
		});
	}

	/**
	 * Chunks one file.
	 * @param file the file on disk
	 * @param filePath its repository-relative path (used in ids)
	 * @param language the language, or null to detect it
	 * @return the chunks
	 * @throws ChunkingException when the file cannot be chunked
	 */
	public FileChunks chunk(Path file, String filePath, @Nullable String language) {
		BasicFileAttributes attributes = attributes(file);
		if (!attributes.isRegularFile()) {
			throw new ChunkingException(ChunkingException.Reason.NOT_REGULAR_FILE, "not a regular file");
		}
		long size = attributes.size();
		if (size > PARSER_LIMIT_BYTES) {
			throw new ChunkingException(ChunkingException.Reason.TOO_LARGE_FOR_PARSER,
					"file is " + size + " bytes, over the parser's input limit (tree-sitter's 32-bit offsets, 2 GiB through jtreesitter)");
		}
		if (size > this.options.maxFileBytes()) {
			throw new ChunkingException(ChunkingException.Reason.TOO_LARGE, "file is " + mib(size)
					+ " MiB, over max_file_size_mb (" + mib(this.options.maxFileBytes()) + " MiB)");
		}
		byte[] bytes = readBytes(file);
		return chunk(bytes, filePath, language, new AstCache.Key(file.toAbsolutePath().toString(),
				attributes.lastModifiedTime().toMillis(), bytes.length, "", ""));
	}

	/**
	 * Reads a regular file (not following a symbolic link), refusing what cannot be chunked with a reason.
	 * @param file the file
	 * @return its bytes
	 * @throws ChunkingException when the file is gone, unreadable, not regular or too large
	 */
	public byte[] read(Path file) {
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(file, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
		}
		catch (NoSuchFileException ex) {
			throw new ChunkingException(ChunkingException.Reason.VANISHED, "file vanished before it was read");
		}
		catch (IOException ex) {
			throw new ChunkingException(ChunkingException.Reason.UNREADABLE, "cannot read attributes: " + reason(ex));
		}
		if (!attributes.isRegularFile()) {
			throw new ChunkingException(ChunkingException.Reason.NOT_REGULAR_FILE, "not a regular file");
		}
		if (attributes.size() > this.options.maxFileBytes()) {
			throw new ChunkingException(ChunkingException.Reason.TOO_LARGE, "file is " + mib(attributes.size())
					+ " MiB, over max_file_size_mb (" + mib(this.options.maxFileBytes()) + " MiB)");
		}
		return readBytes(file);
	}

	/** Chunks bytes already read; {@code cacheKey} (language and grammar are filled in here) may be null. */
	public FileChunks chunk(byte[] bytes, String filePath, @Nullable String language, AstCache.@Nullable Key cacheKey) {
		if (SourceText.looksBinary(bytes)) {
			throw new ChunkingException(ChunkingException.Reason.BINARY, "binary file (NUL bytes in the first 8 KiB)");
		}
		String fileName = filePath.substring(filePath.lastIndexOf('/') + 1);
		String detected = (language != null) ? language : this.detector.detect(fileName, bytes);
		if (detected == null) {
			throw new ChunkingException(ChunkingException.Reason.UNSUPPORTED_LANGUAGE,
					"no language for '" + fileName + "' (unknown extension and no recognised #! line)");
		}
		LanguageRules languageRules = this.rules.get(detected);
		if (languageRules == null || !languageRules.enabled()) {
			throw new ChunkingException(ChunkingException.Reason.UNSUPPORTED_LANGUAGE,
					"language '" + detected + "' is " + ((languageRules == null) ? "unknown" : "disabled"));
		}
		CompiledLanguage compiledLanguage = compiled(detected);
		SourceText source = new SourceText(bytes);
		String fileHash = source.contentHash(0, bytes.length);
		String fileId = ChunkIds.fileId(filePath);
		if (bytes.length == 0) {
			return new FileChunks(filePath, detected, fileId, fileHash, 0, false, false, List.of());
		}
		long deadline = (this.options.parseTimeoutMillis() > 0)
				? System.nanoTime() + this.options.parseTimeoutMillis() * 1_000_000L : 0;
		AstCache.Key key = (cacheKey != null) ? new AstCache.Key(cacheKey.absolutePath(), cacheKey.mtimeMillis(),
				cacheKey.size(), detected, compiledLanguage.grammar().fingerprint()) : null;
		Optional<Tree> cached = (key != null) ? this.cache.get(key) : Optional.empty();
		boolean hit = cached.isPresent();
		try (Tree tree = cached.orElseGet(() -> parse(source, detected, compiledLanguage, deadline))) {
			if (!hit && key != null) {
				this.cache.put(key, tree, bytes.length);
			}
			List<CodeChunk> chunks = ChunkExtractor.extract(tree, source, compiledLanguage, filePath, deadline);
			return new FileChunks(filePath, detected, fileId, fileHash, bytes.length, source.hasInvalidUtf8(), hit,
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

	private Tree parse(SourceText source, String language, CompiledLanguage compiledLanguage, long deadline) {
		try (ParserPool.Lease lease = this.parsers.borrow(language, compiledLanguage.language())) {
			Parser parser = lease.parser();
			if (source.onHeap() && (deadline == 0 || source.length() < CANCELLABLE_PARSE_BYTES)) {
				return parser.parse(source.parseText(), InputEncoding.UTF_8)
					.orElseThrow(() -> new ChunkingException(ChunkingException.Reason.PARSE_FAILED, "the parser returned no tree"));
			}
			// Only a callback parse can be cancelled; its buffers live in the parser until it is closed, so
			// the parser is discarded afterwards.
			lease.discard();
			return callbackParse(parser, source, deadline);
		}
	}

	private Tree callbackParse(Parser parser, SourceText source, long deadline) {
		int slice = this.options.streamingChunkBytes();
		Optional<Tree> tree = (deadline == 0)
				? parser.parse((offset, point) -> source.parseSlice(offset, slice), InputEncoding.UTF_8)
				: parser.parse((offset, point) -> source.parseSlice(offset, slice), InputEncoding.UTF_8,
						new Parser.Options((state) -> System.nanoTime() > deadline));
		return tree.orElseThrow(() -> new ChunkingException(ChunkingException.Reason.TIMEOUT,
				"parse exceeded parse_timeout_ms (" + this.options.parseTimeoutMillis() + " ms)"));
	}

	/**
	 * Chunks a huge file in bounded memory: the file is memory-mapped (never copied onto the heap), the parser reads
	 * it in slices of {@code memory.streaming_chunk_size}, and chunks are handed to {@code batches} in lists of at
	 * most {@code batchSize} as extraction finds them.
	 * @return what was chunked
	 * @throws ChunkingException when the file cannot be chunked
	 */
	public StreamedFile chunkStreaming(Path file, String filePath, @Nullable String language, int batchSize,
			java.util.function.Consumer<List<CodeChunk>> batches) {
		BasicFileAttributes attributes = attributes(file);
		if (!attributes.isRegularFile()) {
			throw new ChunkingException(ChunkingException.Reason.NOT_REGULAR_FILE, "not a regular file");
		}
		long size = attributes.size();
		if (size > PARSER_LIMIT_BYTES) {
			throw new ChunkingException(ChunkingException.Reason.TOO_LARGE_FOR_PARSER, "file is " + size
					+ " bytes, over the parser's input limit (tree-sitter's 32-bit offsets, 2 GiB through jtreesitter)");
		}
		try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ)) {
			java.nio.MappedByteBuffer mapped = channel.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, size);
			byte[] head = new byte[(int) Math.min(size, 64 * 1024)];
			mapped.get(0, head);
			if (SourceText.looksBinary(head)) {
				throw new ChunkingException(ChunkingException.Reason.BINARY, "binary file (NUL bytes in the first 8 KiB)");
			}
			String fileName = filePath.substring(filePath.lastIndexOf('/') + 1);
			String detected = (language != null) ? language : this.detector.detect(fileName, head);
			if (detected == null || this.rules.get(detected) == null || !this.rules.get(detected).enabled()) {
				throw new ChunkingException(ChunkingException.Reason.UNSUPPORTED_LANGUAGE, "no enabled language for '" + fileName + "'");
			}
			CompiledLanguage compiledLanguage = compiled(detected);
			SourceText source = SourceText.mapped(mapped);
			String fileHash = source.contentHash(0, source.length());
			long deadline = (this.options.parseTimeoutMillis() > 0)
					? System.nanoTime() + this.options.parseTimeoutMillis() * 1_000_000L : 0;
			List<CodeChunk> batch = new java.util.ArrayList<>(batchSize);
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
			return new StreamedFile(filePath, detected, ChunkIds.fileId(filePath), fileHash, size, count,
					source.hasInvalidUtf8());
		}
		catch (NoSuchFileException ex) {
			throw new ChunkingException(ChunkingException.Reason.VANISHED, "file vanished before it was read");
		}
		catch (IOException ex) {
			throw new ChunkingException(ChunkingException.Reason.UNREADABLE, "cannot read: " + reason(ex));
		}
	}

	/**
	 * A file chunked on the streaming path.
	 * @param filePath repository-relative path
	 * @param language detected language
	 * @param fileId identity of the path
	 * @param contentHash SHA-1 of the file
	 * @param size size in bytes
	 * @param chunkCount chunks emitted
	 * @param hasInvalidUtf8 whether invalid UTF-8 was replaced
	 */
	public record StreamedFile(String filePath, String language, String fileId, String contentHash, long size,
			long chunkCount, boolean hasInvalidUtf8) {
	}

	private static BasicFileAttributes attributes(Path file) {
		try {
			return Files.readAttributes(file, BasicFileAttributes.class);
		}
		catch (NoSuchFileException ex) {
			if (Files.isSymbolicLink(file)) {
				throw new ChunkingException(ChunkingException.Reason.UNREADABLE, "dangling symbolic link");
			}
			throw new ChunkingException(ChunkingException.Reason.VANISHED, "file no longer exists");
		}
		catch (FileSystemException ex) {
			if (ex.getMessage() != null && ex.getMessage().contains("symbolic links")) {
				throw new ChunkingException(ChunkingException.Reason.UNREADABLE, "symbolic link loop");
			}
			throw new ChunkingException(ChunkingException.Reason.UNREADABLE, "cannot read attributes: " + reason(ex));
		}
		catch (IOException ex) {
			throw new ChunkingException(ChunkingException.Reason.UNREADABLE, "cannot read attributes: " + reason(ex));
		}
	}

	private static byte[] readBytes(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (NoSuchFileException ex) {
			throw new ChunkingException(ChunkingException.Reason.VANISHED, "file vanished before it was read");
		}
		catch (AccessDeniedException ex) {
			throw new ChunkingException(ChunkingException.Reason.UNREADABLE, "permission denied");
		}
		catch (IOException ex) {
			throw new ChunkingException(ChunkingException.Reason.UNREADABLE, "cannot read: " + reason(ex));
		}
		catch (OutOfMemoryError ex) {
			throw new ChunkingException(ChunkingException.Reason.TOO_LARGE, "file does not fit in memory");
		}
	}

	private static String reason(IOException ex) {
		return (ex instanceof FileSystemException fs && fs.getReason() != null) ? fs.getReason()
				: String.valueOf(ex.getMessage());
	}

	private static String mib(long bytes) {
		return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
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
