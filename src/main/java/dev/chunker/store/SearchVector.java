package dev.chunker.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A chunk's PostgreSQL {@code tsvector}, written by the loader instead of computed by the server from a stored copy
 * of the chunk's text. It holds what the column's former expression gave: the words of the name and qualified name
 * at weight A, then the words of the first {@value #MAX_CONTENT_CHARS} characters of the content (weight D), a word
 * being a run of letters and digits, lower-cased, each with its position; positions of the content continue after
 * the names'. As the server does, positions stop at {@value #MAX_POSITION}, a word keeps at most
 * {@value #MAX_POSITIONS_PER_WORD} of them, and a word longer than {@value #MAX_WORD_BYTES} bytes is left out.
 */
final class SearchVector {

	static final int MAX_CONTENT_CHARS = 100_000;

	static final int MAX_POSITION = 16_383;

	static final int MAX_POSITIONS_PER_WORD = 256;

	static final int MAX_WORD_BYTES = 2_047;

	private SearchVector() {
	}

	/** The vector in {@code tsvector}'s input syntax, e.g. {@code 'parse':1A 'args':2A,5}. */
	static String of(@Nullable String name, @Nullable String qualifiedName, String content) {
		Map<String, List<String>> positions = new LinkedHashMap<>();
		int position = add(positions, (name == null ? "" : name) + " " + (qualifiedName == null ? "" : qualifiedName),
				0, "A");
		add(positions, (content.length() > MAX_CONTENT_CHARS) ? content.substring(0, MAX_CONTENT_CHARS) : content,
				position, "");
		StringBuilder vector = new StringBuilder(positions.size() * 12);
		positions.forEach((word, at) -> {
			if (!vector.isEmpty()) {
				vector.append(' ');
			}
			vector.append('\'').append(word).append("':").append(String.join(",", at));
		});
		return vector.toString();
	}

	/** Adds the words of {@code text} after {@code last}; returns the last position used. */
	private static int add(Map<String, List<String>> positions, String text, int last, String weight) {
		int position = last;
		int i = 0;
		int length = text.length();
		while (i < length) {
			int c = text.codePointAt(i);
			if (!Character.isLetterOrDigit(c)) {
				i += Character.charCount(c);
				continue;
			}
			int start = i;
			while (i < length && Character.isLetterOrDigit(text.codePointAt(i))) {
				i += Character.charCount(text.codePointAt(i));
			}
			String word = text.substring(start, i).toLowerCase(Locale.ROOT);
			if (word.getBytes(StandardCharsets.UTF_8).length > MAX_WORD_BYTES) {
				continue;
			}
			position = Math.min(position + 1, MAX_POSITION);
			List<String> at = positions.computeIfAbsent(word, (w) -> new ArrayList<>(2));
			String entry = position + weight;
			if (at.size() < MAX_POSITIONS_PER_WORD && (at.isEmpty() || !at.get(at.size() - 1).equals(entry))) {
				at.add(entry);
			}
		}
		return position;
	}

}
