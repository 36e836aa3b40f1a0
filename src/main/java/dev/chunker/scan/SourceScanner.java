package dev.chunker.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.chunker.chunk.ChunkRules;
import dev.chunker.chunk.LanguageDetector;
import dev.chunker.chunk.LanguageRules;
import dev.chunker.chunk.ChunkingException;
import dev.chunker.chunk.SourceValidator;
import dev.chunker.scan.ScanResult.ScanError;
import org.jspecify.annotations.Nullable;

/**
 * Walks a directory tree without following symbolic links and lists the source files to index: default excludes,
 * {@code .gitignore} files, include/exclude globs, size limit, language detection. Never opens a non-regular
 * file, so a named pipe cannot block it. The result is sorted by path: the same tree gives the same list.
 */
public final class SourceScanner {

	/** Directories never descended into. */
	public static final Set<String> DEFAULT_EXCLUDED_DIRS = Set.of(".git", ".hg", ".svn", "node_modules",
			"bower_components", "target", "build", "dist", "out", "bin", "obj", ".gradle", ".idea", ".vscode", ".venv",
			"venv", "__pycache__", ".tox", ".mypy_cache", ".pytest_cache", "site-packages", "vendor", ".cache");

	/** Generated or minified files skipped by name. */
	public static final List<String> DEFAULT_EXCLUDED_FILES = List.of("*.min.js", "*.min.mjs", "*.min.css",
			"*-min.js", "*.bundle.js", "*-bundle.js", "*.chunk.js", "*.map");

	private final LanguageDetector detector;

	private final Map<String, List<PathMatcher>> languageExcludes = new HashMap<>();

	private final List<PathMatcher> includes;

	private final List<PathMatcher> excludes;

	private final List<PathMatcher> excludedFiles;

	private final long maxFileBytes;

	private final boolean useGitignore;

	public SourceScanner(ChunkRules rules, List<String> includeGlobs, List<String> excludeGlobs, long maxFileBytes,
			boolean useGitignore) {
		this.detector = new LanguageDetector(rules);
		for (LanguageRules language : rules.all()) {
			this.languageExcludes.put(language.id(), matchers(language.excludePatterns()));
		}
		this.includes = matchers(includeGlobs);
		this.excludes = matchers(excludeGlobs);
		this.excludedFiles = matchers(DEFAULT_EXCLUDED_FILES);
		this.maxFileBytes = maxFileBytes;
		this.useGitignore = useGitignore;
	}

	private static List<PathMatcher> matchers(List<String> globs) {
		List<PathMatcher> result = new ArrayList<>();
		for (String glob : globs) {
			result.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
			if (!glob.startsWith("**/") && !glob.startsWith("/")) {
				// "*.java" should match at any depth, as users expect from ignore files.
				result.add(FileSystems.getDefault().getPathMatcher("glob:**/" + glob));
			}
		}
		return result;
	}

	private static boolean matches(List<PathMatcher> matchers, Path path) {
		for (PathMatcher matcher : matchers) {
			if (matcher.matches(path)) {
				return true;
			}
		}
		return false;
	}

	public ScanResult scan(Path root) throws IOException {
		Path start = root.toAbsolutePath().normalize();
		if (!Files.isDirectory(start)) {
			throw new NoSuchFileException(start.toString(), null, "not a directory");
		}
		List<ScannedFile> files = new ArrayList<>();
		List<ScanError> errors = new ArrayList<>();
		Deque<IgnoreRules> ignores = new ArrayDeque<>();
		Files.walkFileTree(start, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
				String rel = relative(start, dir);
				if (!rel.isEmpty()) {
					String name = dir.getFileName().toString();
					if (DEFAULT_EXCLUDED_DIRS.contains(name) || ignored(rel, true) || matches(SourceScanner.this.excludes, Path.of(rel))) {
						return FileVisitResult.SKIP_SUBTREE;
					}
				}
				Path gitignore = dir.resolve(".gitignore");
				ignores.push(SourceScanner.this.useGitignore && Files.isRegularFile(gitignore)
						? IgnoreRules.read(gitignore, rel) : IgnoreRules.none(rel));
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException ex) {
				if (!ignores.isEmpty()) {
					ignores.pop();
				}
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
				String rel = relative(start, file);
				Path relPath = Path.of(rel);
				String name = file.getFileName().toString();
				if (matches(SourceScanner.this.excludedFiles, relPath) || matches(SourceScanner.this.excludes, relPath)
						|| (!SourceScanner.this.includes.isEmpty() && !matches(SourceScanner.this.includes, relPath))
						|| ignored(rel, false)) {
					return FileVisitResult.CONTINUE;
				}
				String byName = SourceScanner.this.detector.byName(name);
				if (attrs.isSymbolicLink()) {
					if (byName != null) {
						brokenLink(file).ifPresent((reason) -> errors.add(new ScanError(rel, ChunkingException.Reason.UNREADABLE, reason)));
					}
					return FileVisitResult.CONTINUE;
				}
				if (!attrs.isRegularFile()) {
					if (byName != null) {
						errors.add(new ScanError(rel, ChunkingException.Reason.NOT_REGULAR_FILE, "not a regular file (pipe, socket or device); skipped"));
					}
					return FileVisitResult.CONTINUE;
				}
				String language = byName;
				if (SourceScanner.this.detector.needsContent(name)) {
					language = SourceScanner.this.detector.detect(name, head(file));
				}
				if (language == null) {
					return FileVisitResult.CONTINUE;
				}
				if (matches(SourceScanner.this.languageExcludes.getOrDefault(language, List.of()), relPath)) {
					return FileVisitResult.CONTINUE;
				}
				if (attrs.size() > SourceScanner.this.maxFileBytes) {
					ChunkingException refusal = SourceValidator.tooLarge(attrs.size(), SourceScanner.this.maxFileBytes);
					errors.add(new ScanError(rel, refusal.reason(), String.valueOf(refusal.getMessage())));
					return FileVisitResult.CONTINUE;
				}
				files.add(new ScannedFile(rel, language, attrs.size(), attrs.lastModifiedTime().toMillis()));
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFileFailed(Path file, IOException ex) {
				String reason = (ex instanceof AccessDeniedException) ? "permission denied" : ex.getMessage();
				errors.add(new ScanError(relative(start, file), ChunkingException.Reason.UNREADABLE, "cannot list: " + reason));
				return FileVisitResult.CONTINUE;
			}

			private boolean ignored(String rel, boolean directory) {
				for (IgnoreRules rules : ignores) {
					Boolean verdict = rules.ignored(rel, directory);
					if (verdict != null) {
						return verdict;
					}
				}
				return false;
			}

		});
		files.sort(Comparator.comparing(ScannedFile::path));
		errors.sort(Comparator.comparing(ScanError::path));
		return new ScanResult(files, errors);
	}

	private static java.util.Optional<String> brokenLink(Path link) {
		try {
			Files.readAttributes(link, BasicFileAttributes.class);
			return java.util.Optional.empty();
		}
		catch (NoSuchFileException ex) {
			return java.util.Optional.of("dangling symbolic link");
		}
		catch (FileSystemException ex) {
			String message = String.valueOf(ex.getMessage());
			return java.util.Optional.of(message.contains("symbolic links") ? "symbolic link loop" : "broken symbolic link: " + message);
		}
		catch (IOException ex) {
			return java.util.Optional.of("broken symbolic link: " + ex.getMessage());
		}
	}

	private static byte[] head(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return in.readNBytes(64 * 1024);
		}
		catch (IOException ex) {
			return new byte[0];
		}
	}

	static String relative(Path root, Path path) {
		return root.relativize(path).toString().replace('\\', '/');
	}

}
