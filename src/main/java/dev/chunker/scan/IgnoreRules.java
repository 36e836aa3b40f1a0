package dev.chunker.scan;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The patterns of one {@code .gitignore} file (a practical subset of git's rules: globs, {@code **}, a leading
 * {@code /} anchors to the file's directory, a trailing {@code /} matches directories only, {@code !} re-includes).
 */
final class IgnoreRules {

	private final String base;

	private final List<Rule> rules;

	private IgnoreRules(String base, List<Rule> rules) {
		this.base = base;
		this.rules = rules;
	}

	/** No rules: a directory without a {@code .gitignore}. */
	static IgnoreRules none(String base) {
		return new IgnoreRules(base, List.of());
	}

	/** Rules of {@code dir/.gitignore}; {@code base} is the directory's repository-relative path ("" for the root). */
	static IgnoreRules read(Path file, String base) {
		List<Rule> rules = new ArrayList<>();
		try {
			for (String raw : Files.readAllLines(file)) {
				String line = raw.strip();
				if (line.isEmpty() || line.startsWith("#")) {
					continue;
				}
				boolean negate = line.startsWith("!");
				if (negate) {
					line = line.substring(1);
				}
				boolean dirOnly = line.endsWith("/");
				if (dirOnly) {
					line = line.substring(0, line.length() - 1);
				}
				boolean anchored = line.startsWith("/") || line.contains("/");
				if (line.startsWith("/")) {
					line = line.substring(1);
				}
				if (line.isEmpty()) {
					continue;
				}
				String glob = anchored ? line : "**/" + line;
				rules.add(new Rule(FileSystems.getDefault().getPathMatcher("glob:" + glob),
						anchored ? null : FileSystems.getDefault().getPathMatcher("glob:" + line), negate, dirOnly));
			}
		}
		catch (IOException | RuntimeException ex) {
			// An unreadable or malformed .gitignore ignores nothing rather than failing the scan.
		}
		return new IgnoreRules(base, rules);
	}

	/** Whether {@code path} (repository-relative) is ignored by these rules: null when no rule matches. */
	@Nullable Boolean ignored(String path, boolean directory) {
		String relative;
		if (this.base.isEmpty()) {
			relative = path;
		}
		else if (path.startsWith(this.base + "/")) {
			relative = path.substring(this.base.length() + 1);
		}
		else {
			return null;
		}
		Path p = Path.of(relative);
		@Nullable Boolean result = null;
		for (Rule rule : this.rules) {
			if (rule.dirOnly && !directory) {
				continue;
			}
			if (rule.matcher.matches(p) || (rule.nameMatcher != null && rule.nameMatcher.matches(p))) {
				result = !rule.negate;
			}
		}
		return result;
	}

	private record Rule(PathMatcher matcher, @Nullable PathMatcher nameMatcher, boolean negate, boolean dirOnly) {
	}

}
