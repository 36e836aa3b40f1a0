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
 * of the chunk's text. It is what the column's former expression gave, checked against the server by
 * {@code SearchVectorTest}: the words of the name and qualified name at weight A, concatenated with the words of the
 * first {@value #MAX_CONTENT_CHARS} characters of the content (weight D), a word being a run of letters and digits,
 * lower-cased. As the server does: positions stop at {@value #MAX_POSITION}; one text gives a word at most
 * {@value #MAX_POSITIONS_PER_TEXT} positions, the concatenation at most {@value #MAX_POSITIONS}; the content's
 * positions follow the names' highest; a word longer than {@value #MAX_WORD_BYTES} bytes is left out.
 */
final class SearchVector {

	static final int MAX_CONTENT_CHARS = 100_000;

	static final int MAX_POSITION = 16_383;

	static final int MAX_POSITIONS_PER_TEXT = 255;

	static final int MAX_POSITIONS = 256;

	static final int MAX_WORD_BYTES = 2_047;

	private SearchVector() {
	}

	/** The vector in {@code tsvector}'s input syntax, e.g. {@code 'parse':1A,4 'args':2A,5}. */
	static String of(@Nullable String name, @Nullable String qualifiedName, String content) {
		Map<String, List<Integer>> names = positions((name == null ? "" : name) + " "
				+ (qualifiedName == null ? "" : qualifiedName));
		Map<String, List<Integer>> words = positions(
				(content.length() > MAX_CONTENT_CHARS) ? content.substring(0, MAX_CONTENT_CHARS) : content);
		int shift = 0;
		for (List<Integer> at : names.values()) {
			shift = Math.max(shift, at.get(at.size() - 1));
		}
		Map<String, List<String>> merged = new LinkedHashMap<>();
		names.forEach((word, at) -> merged.put(word, new ArrayList<>(at.stream().map((p) -> p + "A").toList())));
		int by = shift;
		words.forEach((word, at) -> {
			List<String> entries = merged.computeIfAbsent(word, (w) -> new ArrayList<>());
			int last = -1;
			for (int p : at) {
				int shifted = Math.min(p + by, MAX_POSITION);
				if (shifted != last && entries.size() < MAX_POSITIONS) {
					entries.add(Integer.toString(shifted));
				}
				last = shifted;
			}
		});
		StringBuilder vector = new StringBuilder(merged.size() * 12);
		merged.forEach((word, at) -> {
			if (!vector.isEmpty()) {
				vector.append(' ');
			}
			vector.append('\'').append(word).append("':").append(String.join(",", at));
		});
		return vector.toString();
	}

	/** The words of one text and their positions, as {@code to_tsvector('simple', ...)} counts them. */
	private static Map<String, List<Integer>> positions(String text) {
		Map<String, List<Integer>> positions = new LinkedHashMap<>();
		int position = 0;
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
			List<Integer> at = positions.computeIfAbsent(word, (w) -> new ArrayList<>(2));
			if (at.size() < MAX_POSITIONS_PER_TEXT && (at.isEmpty() || at.get(at.size() - 1) != position)) {
				at.add(position);
			}
		}
		return positions;
	}

}
