package dev.chunker.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Tallies, field by field, how often the metadata of our chunks agrees with an independent parser's view of the same
 * definitions, keeping the first disagreements of each field for the report. Texts are compared with each run of
 * white space as one space: the oracles print source segments and doc texts in their own layout.
 */
final class MetadataAgreement {

	private static final int EXAMPLES = 8;

	private final Map<String, int[]> counts = new TreeMap<>();

	private final Map<String, List<String>> examples = new TreeMap<>();

	private int definitions;

	private int unmatched;

	private final List<String> unmatchedExamples = new ArrayList<>();

	void definition() {
		this.definitions++;
	}

	void unmatched(String where) {
		this.unmatched++;
		if (this.unmatchedExamples.size() < EXAMPLES) {
			this.unmatchedExamples.add(where);
		}
	}

	/** Compares one field; {@code expected} and {@code actual} are texts, lists of texts or null. */
	void check(String field, String where, @Nullable Object expected, @Nullable Object actual) {
		int[] count = this.counts.computeIfAbsent(field, (key) -> new int[2]);
		count[0]++;
		if (Objects.equals(normalize(expected), normalize(actual))) {
			return;
		}
		count[1]++;
		List<String> list = this.examples.computeIfAbsent(field, (key) -> new ArrayList<>());
		if (list.size() < EXAMPLES) {
			list.add(where + ": expected " + expected + ", was " + actual);
		}
	}

	/** Agreement of a field in per cent (100 when it was never compared). */
	double agreement(String field) {
		int[] count = this.counts.get(field);
		return (count == null || count[0] == 0) ? 100.0 : 100.0 * (count[0] - count[1]) / count[0];
	}

	int compared(String field) {
		int[] count = this.counts.get(field);
		return (count == null) ? 0 : count[0];
	}

	int definitions() {
		return this.definitions;
	}

	int unmatched() {
		return this.unmatched;
	}

	String report(String title) {
		StringBuilder out = new StringBuilder(title).append('\n');
		out.append(String.format(Locale.ROOT, "  definitions: %d, without a chunk to compare: %d%n", this.definitions,
				this.unmatched));
		this.unmatchedExamples.forEach((example) -> out.append("    no chunk: ").append(example).append('\n'));
		this.counts.forEach((field, count) -> {
			out.append(String.format(Locale.ROOT, "  %-12s %7d compared, %5d differ, agreement %.3f %%%n", field,
					count[0], count[1], agreement(field)));
			this.examples.getOrDefault(field, List.of()).forEach((example) -> out.append("    ").append(example).append('\n'));
		});
		return out.toString();
	}

	private static @Nullable Object normalize(@Nullable Object value) {
		if (value instanceof String text) {
			return text.replaceAll("\\s+", " ").strip();
		}
		if (value instanceof List<?> list) {
			return list.stream().map(MetadataAgreement::normalize).toList();
		}
		return value;
	}

}
