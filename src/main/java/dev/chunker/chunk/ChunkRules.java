package dev.chunker.chunk;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The chunk rules of every language, loaded from {@code config/languages.yaml} (packaged on the class path, or a
 * file given by the user). Unknown keys and bad values are rejected with the key named.
 */
public final class ChunkRules {

	/** The class-path location of the default rules. */
	public static final String DEFAULT_RESOURCE = "/config/languages.yaml";

	private static final Set<String> KEYS = Set.of("symbol", "extensions", "filenames", "shebangs", "chunk_types",
			"wrappers", "comments", "skip_inside", "name_fields", "name_holders", "min_chunk_size", "max_chunk_size",
			"enabled", "exclude_patterns", "library", "leading", "content_extensions", "content_pattern", "embedded",
			"metadata");

	private final Map<String, LanguageRules> languages;

	private final String version;

	private ChunkRules(Map<String, LanguageRules> languages, String version) {
		this.languages = Map.copyOf(languages);
		this.version = version;
	}

	/** The packaged default rules. */
	public static ChunkRules defaults() {
		try (InputStream in = ChunkRules.class.getResourceAsStream(DEFAULT_RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("class-path resource " + DEFAULT_RESOURCE + " is missing");
			}
			return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_RESOURCE, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Rules read from a file; a relative {@code library} path is read from the file's folder. */
	public static ChunkRules load(Path file) {
		try {
			return parse(Files.readString(file), file.toString(), file.toAbsolutePath().getParent());
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("cannot read language rules " + file + ": " + ex.getMessage(), ex);
		}
	}

	static ChunkRules parse(String yamlText, String source, @Nullable Path folder) {
		Object root;
		try (Reader reader = new java.io.StringReader(yamlText)) {
			root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalArgumentException(source + ": not valid YAML: " + ex.getMessage(), ex);
		}
		if (!(root instanceof Map<?, ?> top) || !(top.get("languages") instanceof Map<?, ?> langs)) {
			throw new IllegalArgumentException(source + ": expected a top-level 'languages' mapping");
		}
		Map<String, LanguageRules> result = new LinkedHashMap<>();
		for (Map.Entry<?, ?> entry : langs.entrySet()) {
			String id = String.valueOf(entry.getKey());
			if (!(entry.getValue() instanceof Map<?, ?> spec)) {
				throw new IllegalArgumentException(source + ": languages." + id + " must be a mapping");
			}
			for (Object key : spec.keySet()) {
				if (!KEYS.contains(String.valueOf(key))) {
					throw new IllegalArgumentException(source + ": unknown key languages." + id + "." + key);
				}
			}
			String prefix = "languages." + id + ".";
			Object symbol = spec.get("symbol");
			if (!(symbol instanceof String s) || s.isBlank()) {
				throw new IllegalArgumentException(source + ": " + prefix + "symbol is required");
			}
			result.put(id, new LanguageRules(id, s, lower(strings(spec, "extensions", prefix, source)),
					strings(spec, "filenames", prefix, source), strings(spec, "shebangs", prefix, source),
					strings(spec, "chunk_types", prefix, source), strings(spec, "wrappers", prefix, source),
					strings(spec, "comments", prefix, source), strings(spec, "skip_inside", prefix, source),
					strings(spec, "name_fields", prefix, source), strings(spec, "name_holders", prefix, source),
					integer(spec, "min_chunk_size", 0, prefix, source), integer(spec, "max_chunk_size", 0, prefix, source),
					bool(spec, "enabled", true, prefix, source), strings(spec, "exclude_patterns", prefix, source),
					library(spec.get("library"), folder, prefix, source), strings(spec, "leading", prefix, source),
					lower(strings(spec, "content_extensions", prefix, source)),
					pattern(spec.get("content_pattern"), prefix, source), strings(spec, "embedded", prefix, source),
					MetadataRules.parse(spec.get("metadata"), prefix, source,
							(map, key, at) -> strings(map, key, at, source))));
		}
		for (LanguageRules language : result.values()) {
			for (String pattern : language.embedded()) {
				String embedded = CompiledLanguage.embeddedLanguage(pattern);
				if (embedded == null) {
					throw new IllegalArgumentException(source + ": languages." + language.id() + ".embedded: pattern '"
							+ pattern + "' must capture the embedded text as @embedded.<language>");
				}
				if (!embedded.equals(CompiledLanguage.NOT_PARSED) && (!result.containsKey(embedded) || embedded.equals(language.id()))) {
					throw new IllegalArgumentException(source + ": languages." + language.id() + ".embedded: '"
							+ embedded + "' is no other language of these rules (or 'none' for text that is not parsed)");
				}
			}
		}
		return new ChunkRules(result, digest(yamlText));
	}

	/** A grammar library of a language's own: an existing file, a relative path read from the rules file's folder. */
	private static @Nullable Path library(@Nullable Object value, @Nullable Path folder, String prefix, String source) {
		if (value == null) {
			return null;
		}
		if (!(value instanceof String name) || name.isBlank()) {
			throw new IllegalArgumentException(source + ": " + prefix + "library must be the path of a shared library");
		}
		Path file = (folder != null) ? folder.resolve(name) : Path.of(name);
		if (!Files.isRegularFile(file)) {
			throw new IllegalArgumentException(source + ": " + prefix + "library: no such file " + file.toAbsolutePath());
		}
		return file.toAbsolutePath().normalize();
	}

	private static java.util.regex.@Nullable Pattern pattern(@Nullable Object value, String prefix, String source) {
		if (value == null) {
			return null;
		}
		if (!(value instanceof String regex) || regex.isBlank()) {
			throw new IllegalArgumentException(source + ": " + prefix + "content_pattern must be a regular expression");
		}
		try {
			return java.util.regex.Pattern.compile(regex);
		}
		catch (java.util.regex.PatternSyntaxException ex) {
			throw new IllegalArgumentException(source + ": " + prefix + "content_pattern is not a valid regular expression: "
					+ ex.getDescription() + " near index " + ex.getIndex());
		}
	}

	private static List<String> lower(List<String> values) {
		return values.stream().map((v) -> v.toLowerCase(java.util.Locale.ROOT)).toList();
	}

	private static List<String> strings(Map<?, ?> spec, String key, String prefix, String source) {
		Object value = spec.get(key);
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof List<?> list)) {
			throw new IllegalArgumentException(source + ": " + prefix + key + " must be a list");
		}
		List<String> result = new ArrayList<>();
		for (Object item : list) {
			if (!(item instanceof String s) || s.isBlank()) {
				throw new IllegalArgumentException(source + ": " + prefix + key + " must hold non-empty strings");
			}
			result.add(s);
		}
		return result;
	}

	private static int integer(Map<?, ?> spec, String key, int fallback, String prefix, String source) {
		Object value = spec.get(key);
		if (value == null) {
			return fallback;
		}
		if (!(value instanceof Integer i) || i < 0) {
			throw new IllegalArgumentException(source + ": " + prefix + key + " must be a whole number >= 0, was " + value);
		}
		return i;
	}

	private static boolean bool(Map<?, ?> spec, String key, boolean fallback, String prefix, String source) {
		Object value = spec.get(key);
		if (value == null) {
			return fallback;
		}
		if (!(value instanceof Boolean b)) {
			throw new IllegalArgumentException(source + ": " + prefix + key + " must be true or false, was " + value);
		}
		return b;
	}

	private static String digest(String text) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 6);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public @Nullable LanguageRules get(String language) {
		return this.languages.get(language);
	}

	public Collection<LanguageRules> all() {
		return this.languages.values().stream().sorted(java.util.Comparator.comparing(LanguageRules::id)).toList();
	}

	/**
	 * A short fingerprint of the rules text; files chunked under other rules are re-chunked on the next run.
	 */
	public String version() {
		return this.version;
	}

	/** These rules with one language changed (used by configuration overrides). */
	public ChunkRules with(String language, UnaryOperator<LanguageRules> change) {
		LanguageRules current = this.languages.get(language);
		if (current == null) {
			throw new IllegalArgumentException("unknown language '" + language + "'; known: " + this.languages.keySet().stream().sorted().toList());
		}
		Map<String, LanguageRules> copy = new LinkedHashMap<>(this.languages);
		LanguageRules changed = change.apply(current);
		copy.put(language, changed);
		return new ChunkRules(copy, digest(this.version + changed));
	}

	/** These rules with every language's size limits replaced. */
	public ChunkRules withSizes(int minLines, int maxLines) {
		Map<String, LanguageRules> copy = new LinkedHashMap<>();
		this.languages.forEach((id, rules) -> copy.put(id, rules.withSizes(minLines, maxLines)));
		return new ChunkRules(copy, digest(this.version + "|" + minLines + "|" + maxLines));
	}

}
