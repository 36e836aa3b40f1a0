package dev.chunker.chunk;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Detects a file's language by name, extension or {@code #!} line. Some extensions are decided by content: a
 * language's {@code content_extensions} are its own only when the file's first bytes match its
 * {@code content_pattern} (an Objective-C {@code .m} or {@code .h}; MATLAB and MUMPS use {@code .m} too), and a
 * {@code .h} header is C++ when its content says so.
 */
public final class LanguageDetector {

	private static final Pattern CPP_MARKERS = Pattern.compile(
			"(?m)^\\s*(class\\s+\\w+\\s*[:{]|namespace\\s+\\w*\\s*\\{|template\\s*<|public:|private:|protected:|using\\s+namespace\\s)"
					+ "|\\bstd::|#include\\s*<(iostream|string|vector|memory|map)>");

	private final Map<String, String> byExtension = new HashMap<>();

	private final Map<String, String> byFilename = new HashMap<>();

	private final Map<String, String> byInterpreter = new HashMap<>();

	/** Per extension decided by content: the languages that claim it, each with its pattern, in rules order. */
	private final Map<String, java.util.List<Map.Entry<String, Pattern>>> byContent = new HashMap<>();

	/** How much of a file's start the content patterns look at. */
	private static final int HEAD_BYTES = 64 * 1024;

	public LanguageDetector(ChunkRules rules) {
		for (LanguageRules language : rules.all()) {
			if (!language.enabled()) {
				continue;
			}
			language.extensions().forEach((ext) -> this.byExtension.putIfAbsent(ext, language.id()));
			language.filenames().forEach((name) -> this.byFilename.putIfAbsent(name, language.id()));
			language.shebangs().forEach((name) -> this.byInterpreter.putIfAbsent(name, language.id()));
			Pattern pattern = language.contentPattern();
			if (pattern != null) {
				language.contentExtensions().forEach((ext) -> this.byContent.computeIfAbsent(ext, (e) -> new java.util.ArrayList<>())
					.add(Map.entry(language.id(), pattern)));
			}
		}
	}

	/** The language from the file name alone, or null when the content must decide (or nothing matches). */
	public @Nullable String byName(String fileName) {
		String known = this.byFilename.get(fileName);
		if (known != null) {
			return known;
		}
		int dot = fileName.lastIndexOf('.');
		if (dot <= 0 || dot == fileName.length() - 1) {
			return null;
		}
		return this.byExtension.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
	}

	/** Whether the name is enough, or the first bytes must be read ({@code .h} files, extension-less scripts). */
	public boolean needsContent(String fileName) {
		int dot = fileName.lastIndexOf('.');
		return this.byFilename.get(fileName) == null && (dot <= 0 || fileName.toLowerCase(Locale.ROOT).endsWith(".h")
				|| this.byContent.containsKey(fileName.substring(dot + 1).toLowerCase(Locale.ROOT)));
	}

	/** The language of a file, or null when none matches. */
	public @Nullable String detect(String fileName, byte[] head) {
		String byContent = byContent(fileName, head);
		if (byContent != null) {
			return byContent;
		}
		String language = byName(fileName);
		if ("c".equals(language) && fileName.toLowerCase(Locale.ROOT).endsWith(".h") && this.byExtension.containsKey("cpp")) {
			String text = new String(head, 0, Math.min(head.length, HEAD_BYTES), StandardCharsets.UTF_8);
			return CPP_MARKERS.matcher(text).find() ? this.byExtension.get("cpp") : language;
		}
		if (language != null) {
			return language;
		}
		return (fileName.lastIndexOf('.') <= 0) ? byShebang(head) : null;
	}

	private @Nullable String byContent(String fileName, byte[] head) {
		int dot = fileName.lastIndexOf('.');
		if (this.byContent.isEmpty() || dot <= 0) {
			return null;
		}
		java.util.List<Map.Entry<String, Pattern>> claims = this.byContent.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
		if (claims == null) {
			return null;
		}
		String text = new String(head, 0, Math.min(head.length, HEAD_BYTES), StandardCharsets.UTF_8);
		for (Map.Entry<String, Pattern> claim : claims) {
			if (claim.getValue().matcher(text).find()) {
				return claim.getKey();
			}
		}
		return null;
	}

	private @Nullable String byShebang(byte[] head) {
		if (head.length < 3 || head[0] != '#' || head[1] != '!') {
			return null;
		}
		int end = 2;
		while (end < head.length && end < 256 && head[end] != '\n') {
			end++;
		}
		String[] words = new String(head, 2, end - 2, StandardCharsets.UTF_8).trim().split("\\s+");
		if (words.length == 0 || words[0].isEmpty()) {
			return null;
		}
		String interpreter = words[0].substring(words[0].lastIndexOf('/') + 1);
		if (interpreter.equals("env")) {
			interpreter = "";
			for (int i = 1; i < words.length; i++) {
				if (!words[i].startsWith("-")) {
					interpreter = words[i];
					break;
				}
			}
		}
		String language = this.byInterpreter.get(interpreter);
		if (language == null) {
			// python3.11, ruby2.7: drop the version.
			language = this.byInterpreter.get(interpreter.replaceAll("[0-9.]+$", ""));
		}
		return language;
	}

}
