package dev.chunker.chunk;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Start-line and name comparison of ctags tags with chunks, for parsers that give start lines only. A tag is
 * matched by a chunk whose name agrees with it and that holds the tag's line in its header: on or after the chunk's
 * first line (a chunk starts at the comments and signatures above its definition) and not after the first line of
 * any of its children. Where ctags also gives an end, the chunk must end on the last non-blank line up to it.
 */
final class CtagsMatcher {

	private static final int SHOWN = Integer.getInteger("chunker.oracle.misses", 30);

	private final String language;

	private final Set<String> kinds;

	private final EndMode endMode;

	private final Map<String, int[]> perSource = new TreeMap<>();

	private final Map<String, Integer> perKind = new TreeMap<>();

	private final Map<String, Integer> unchecked = new TreeMap<>();

	private final Map<String, Integer> readings = new TreeMap<>();

	private final Map<String, Integer> skippedFiles = new TreeMap<>();

	private final List<String> misses = new ArrayList<>();

	private int files;

	private int chunkCount;

	private int checked;

	private int matched;

	private int missCount;

	private int endsChecked;

	CtagsMatcher(String language, Set<String> kinds, EndMode endMode) {
		this.language = language;
		this.kinds = kinds;
		this.endMode = endMode;
	}

	/** Counts a corpus file left out, with the number of its tags. */
	void skipFile(String reason, int tags) {
		this.skippedFiles.merge(reason + ", files", 1, Integer::sum);
		this.skippedFiles.merge(reason + ", tags", tags, Integer::sum);
	}

	void checkFile(String source, String file, byte[] bytes, List<CodeChunk> chunks, List<Tag> tags) {
		int[] counts = this.perSource.computeIfAbsent(source, (key) -> new int[3]);
		counts[0]++;
		this.files++;
		this.chunkCount += chunks.size();
		String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
		Map<String, Integer> firstChild = new HashMap<>();
		for (CodeChunk chunk : chunks) {
			if (chunk.parentChunkId() != null) {
				firstChild.merge(chunk.parentChunkId(), chunk.startLine(), Math::min);
			}
		}
		for (Tag ctagsTag : tags) {
			if (!this.kinds.contains(ctagsTag.kind())) {
				this.unchecked.merge(ctagsTag.kind(), 1, Integer::sum);
				continue;
			}
			Tag tag = TagReadings.corrected(this.language, ctagsTag, lines);
			String reason = TagReadings.notADefinition(this.language, tag, file, lines, chunks);
			if (reason != null) {
				this.unchecked.merge(reason, 1, Integer::sum);
				continue;
			}
			this.checked++;
			counts[1]++;
			this.perKind.merge(tag.kind(), 1, Integer::sum);
			Integer end = (tag.end() != null && this.endMode != EndMode.NONE
					&& !TagReadings.insideTripleQuotedString(lines, tag.end()))
					? lastNonBlank(lines, tag.end(), tag.line()) : null;
			if (end != null) {
				this.endsChecked++;
			}
			boolean header = false;
			boolean matchedHere = false;
			for (CodeChunk chunk : chunks) {
				if (chunk.startLine() <= tag.line() && tag.line() <= chunk.endLine()
						&& tag.line() <= firstChild.getOrDefault(chunk.chunkId(), Integer.MAX_VALUE)
						&& namesAgree(tag, chunk)) {
					header = true;
					if (end == null || chunk.endLine() == end
							|| (this.endMode == EndMode.BEFORE_NEXT && chunk.endLine() < end)) {
						matchedHere = true;
						break;
					}
				}
			}
			if (!matchedHere && !header) {
				for (CodeChunk chunk : chunks) {
					if (chunk.startLine() <= tag.line() && tag.line() <= chunk.endLine()
							&& tag.line() <= firstChild.getOrDefault(chunk.chunkId(), Integer.MAX_VALUE)
							&& TagReadings.sharedHeader(this.language, tag, chunk, lines)) {
						matchedHere = true;
						this.readings.merge("one of several selectors or targets in the chunk's header", 1,
								Integer::sum);
						break;
					}
				}
			}
			if (!matchedHere && !header && TagReadings.onSignatureOfSeveral(this.language, tag, lines)) {
				matchedHere = chunks.stream()
					.anyMatch((chunk) -> chunk.startLine() > tag.line() && namesAgree(tag, chunk));
				if (matchedHere) {
					this.readings.merge("a signature naming several functions: chunk at the first equation", 1,
							Integer::sum);
				}
			}
			if (matchedHere) {
				this.matched++;
				counts[2]++;
				continue;
			}
			this.missCount++;
			if (this.misses.size() < SHOWN) {
				StringBuilder line = new StringBuilder().append(file).append(':').append(tag.line());
				if (end != null) {
					line.append('-').append(end);
				}
				line.append(' ').append(tag.kind()).append(' ').append(tag.name()).append(": ")
					.append(header ? "start and name found, end differs" : "no chunk of that name holds the line");
				for (CodeChunk chunk : chunks) {
					if (chunk.startLine() <= tag.line() && tag.line() <= chunk.endLine()) {
						line.append("\n      around: ").append(chunk.nodeType()).append(' ').append(chunk.name())
							.append(" lines ").append(chunk.startLine()).append('-').append(chunk.endLine());
					}
				}
				this.misses.add(line.toString());
			}
		}
	}

	/** The last line at or before 1-based {@code end} (not before {@code start}) that is not blank. */
	private static int lastNonBlank(String[] lines, int end, int start) {
		int line = Math.min(end, lines.length);
		while (line > start && lines[line - 1].isBlank()) {
			line--;
		}
		return line;
	}

	private static boolean namesAgree(Tag tag, CodeChunk chunk) {
		String name = chunk.name();
		if (name == null) {
			return false;
		}
		String tagName = tag.name().strip();
		return name.equals(tagName) || containsWord(name, tagName)
				|| (chunk.qualifiedName() != null && containsWord(chunk.qualifiedName(), tagName));
	}

	private static boolean containsWord(String text, String word) {
		return Pattern.compile("(?<![\\w$'])" + Pattern.quote(word) + "(?![\\w$'])").matcher(text).find();
	}

	int checked() {
		return this.checked;
	}

	double recall() {
		return (this.checked == 0) ? 0 : (double) this.matched / this.checked;
	}

	String render() {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT,
				"ctags oracle (start lines and names), %s: %d files, %d chunks, %d definitions checked %s "
						+ "(%d with an end), %d matched, recall %.2f %%%n",
				this.language, this.files, this.chunkCount, this.checked, this.perKind, this.endsChecked,
				this.matched, 100.0 * recall()));
		this.perSource.forEach((name, counts) -> out.append(String.format(Locale.ROOT,
				"  %s: %d files, %d checked, %d matched%n", name, counts[0], counts[1], counts[2])));
		if (!this.skippedFiles.isEmpty()) {
			out.append("  files left out: ").append(this.skippedFiles).append('\n');
		}
		if (!this.readings.isEmpty()) {
			out.append("  matched by another reading: ").append(this.readings).append('\n');
		}
		if (!this.unchecked.isEmpty()) {
			out.append("  not compared (no chunks by design, or ctags misreads): ").append(this.unchecked).append('\n');
		}
		if (this.missCount > 0) {
			out.append("  misses (").append(this.missCount).append(", first ").append(this.misses.size())
				.append("):\n");
			this.misses.forEach((miss) -> out.append("    ").append(miss).append('\n'));
		}
		return out.toString();
	}

	/** How ctags' end line is compared. */
	enum EndMode {
		/** Not compared. */
		NONE,
		/** The chunk ends on the last non-blank line up to ctags' end. */
		EXACT,
		/**
		 * ctags' end is the line the next definition starts on (Elm): the chunk ends before it, since the next
		 * definition's type annotation and doc comment belong to that definition.
		 */
		BEFORE_NEXT
	}

	/** One ctags tag: name, kind, 1-based start line, end line where ctags gives one, scope. */
	record Tag(String name, String kind, int line, @Nullable Integer end, String scope) {
	}

}
