package dev.chunker.chunk;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

import dev.chunker.chunk.ChunkingException.Reason;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a file can be chunked, before anything is parsed, with one reason and one wording per refusal:
 * first by its attributes (never opening what is not a regular file, so a named pipe cannot block), then by its
 * first bytes (binary, language). Every entry of {@link FileChunker} goes through here.
 */
public final class SourceValidator {

	/**
	 * The largest file that can be parsed: tree-sitter addresses input with 32-bit offsets (4 GiB), and jtreesitter
	 * exposes them as Java {@code int}s, so 2 GiB is the limit in practice.
	 */
	public static final long PARSER_LIMIT_BYTES = Integer.MAX_VALUE;

	private final ChunkRules rules;

	private final LanguageDetector detector;

	private final long maxFileBytes;

	public SourceValidator(ChunkRules rules, LanguageDetector detector, long maxFileBytes) {
		this.rules = rules;
		this.detector = detector;
		this.maxFileBytes = maxFileBytes;
	}

	/**
	 * Checks a file's attributes.
	 * @param path the file
	 * @param links whether a symbolic link is followed or refused
	 * @return the file, its size and modification time
	 * @throws ChunkingException when the file is gone, unreadable, not regular or too large
	 */
	public SourceFile file(Path path, SourceFile.Links links) {
		BasicFileAttributes attributes = attributes(path, links);
		if (!attributes.isRegularFile()) {
			throw new ChunkingException(Reason.NOT_REGULAR_FILE, "not a regular file");
		}
		long size = attributes.size();
		if (size > PARSER_LIMIT_BYTES) {
			throw new ChunkingException(Reason.TOO_LARGE_FOR_PARSER, "file is " + size
					+ " bytes, over the parser's input limit (tree-sitter's 32-bit offsets, 2 GiB through jtreesitter)");
		}
		if (size > this.maxFileBytes) {
			throw tooLarge(size, this.maxFileBytes);
		}
		return new SourceFile(path, size, attributes.lastModifiedTime().toMillis());
	}

	/**
	 * Checks a file's content and settles its language.
	 * @param filePath the repository-relative path (its name is matched)
	 * @param head the file's first bytes (at least 8 KiB when the file is larger), or all of them
	 * @param language the language, or null to detect it
	 * @return the language, enabled in the rules
	 * @throws ChunkingException when the file is binary or has no enabled language
	 */
	public String language(String filePath, byte[] head, @Nullable String language) {
		if (SourceText.looksBinary(head)) {
			throw new ChunkingException(Reason.BINARY, "binary file (NUL bytes in the first 8 KiB)");
		}
		String fileName = filePath.substring(filePath.lastIndexOf('/') + 1);
		String detected = (language != null) ? language : this.detector.detect(fileName, head);
		if (detected == null) {
			throw new ChunkingException(Reason.UNSUPPORTED_LANGUAGE,
					"no language for '" + fileName + "' (unknown extension and no recognised #! line)");
		}
		LanguageRules languageRules = this.rules.get(detected);
		if (languageRules == null || !languageRules.enabled()) {
			throw unsupported(detected, languageRules == null);
		}
		return detected;
	}

	/** The refusal of a language the rules do not have ({@code unknown}) or have switched off. */
	static ChunkingException unsupported(String language, boolean unknown) {
		return new ChunkingException(Reason.UNSUPPORTED_LANGUAGE,
				"language '" + language + "' is " + (unknown ? "unknown" : "disabled"));
	}

	private static BasicFileAttributes attributes(Path path, SourceFile.Links links) {
		try {
			return (links == SourceFile.Links.FOLLOW) ? Files.readAttributes(path, BasicFileAttributes.class)
					: Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (NoSuchFileException ex) {
			if (links == SourceFile.Links.FOLLOW && Files.isSymbolicLink(path)) {
				throw new ChunkingException(Reason.UNREADABLE, "dangling symbolic link");
			}
			throw SourceFile.readFailure(ex);
		}
		catch (FileSystemException ex) {
			if (ex.getMessage() != null && ex.getMessage().contains("symbolic links")) {
				throw new ChunkingException(Reason.UNREADABLE, "symbolic link loop");
			}
			throw SourceFile.readFailure(ex);
		}
		catch (IOException ex) {
			throw SourceFile.readFailure(ex);
		}
	}

	/** The refusal of a file over {@code max_file_size_mb}: worded here for the scan and for every chunking path. */
	public static ChunkingException tooLarge(long size, long maxFileBytes) {
		return new ChunkingException(Reason.TOO_LARGE,
				"file is " + mib(size) + " MiB, over max_file_size_mb (" + mib(maxFileBytes) + " MiB)");
	}

	private static String mib(long bytes) {
		return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
	}

}
