package dev.chunker.pack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import dev.chunker.chunk.CodeChunk;
import dev.chunker.chunk.FileChunker;

/**
 * The edit-locality measurement: random single-method edits (seeded) on {@code java.util}, each packed before and
 * after in both modes, counting the windows of the edited file whose id is new (what a pipeline re-embeds), next to
 * the windows that overlap the edit (which must change).
 */
final class EditLocality {

	/** The figures of one mode. */
	static final class Figures {

		final List<Integer> changed = new ArrayList<>();

		long overlapping;

		long withinBound;

		long windows;

		long total() {
			return this.changed.stream().mapToLong(Integer::longValue).sum();
		}

		@Override
		public String toString() {
			int[] sorted = this.changed.stream().mapToInt(Integer::intValue).sorted().toArray();
			int n = Math.max(1, sorted.length);
			return String.format("changed ids: %d in %d edits (mean %.2f, median %d, p90 %d, max %d; windows per edited"
					+ " file %.1f, overlapping the edit %.2f); within overlapping + 1: %.1f %%", total(), sorted.length,
					(double) total() / n, (sorted.length == 0) ? 0 : sorted[sorted.length / 2],
					(sorted.length == 0) ? 0 : sorted[Math.min(sorted.length - 1, sorted.length * 9 / 10)],
					(sorted.length == 0) ? 0 : sorted[sorted.length - 1], (double) this.windows / n,
					(double) this.overlapping / n, 100.0 * this.withinBound / n);
		}

	}

	private record Method(String path, int start, int end) {
	}

	private EditLocality() {
	}

	/** Runs {@code edits} edits with the seed; the figures per mode. */
	static Map<PackOptions.Mode, Figures> measure(FileChunker chunker, FilePacker packer, Map<String, byte[]> files,
			int edits, long seed) {
		List<Method> methods = new ArrayList<>();
		for (Map.Entry<String, byte[]> file : files.entrySet()) {
			for (CodeChunk chunk : chunker.chunk(file.getValue(), file.getKey(), null, null).chunks()) {
				if (Set.of("method_declaration", "constructor_declaration").contains(chunk.nodeType())
						&& chunk.partCount() == 1 && chunk.content().endsWith("}") && chunk.content().contains("{\n")
						&& chunk.endLine() - chunk.startLine() >= 2) {
					methods.add(new Method(file.getKey(), chunk.byteStart(), chunk.byteEnd()));
				}
			}
		}
		Random random = new Random(seed);
		Map<PackOptions.Mode, Figures> figures = new HashMap<>();
		Map<String, Set<String>> before = new HashMap<>();
		for (int i = 0; i < edits; i++) {
			Method method = methods.get(random.nextInt(methods.size()));
			byte[] original = files.get(method.path());
			int[] range = new int[2];
			byte[] edited = edit(original, method, random, i, range);
			for (PackOptions.Mode mode : PackOptions.Mode.values()) {
				PackOptions options = PackOptions.defaults().withMode(mode);
				Set<String> old = before.computeIfAbsent(mode + method.path(), (k) -> ids(packer.pack(original,
						method.path(), null, options)));
				List<PackedWindow> after = packer.pack(edited, method.path(), null, options).windows();
				int changed = 0;
				int overlapping = 0;
				for (PackedWindow window : after) {
					changed += old.contains(window.windowId()) ? 0 : 1;
					overlapping += (window.byteStart() <= range[1] && window.byteEnd() > range[0]) ? 1 : 0;
				}
				Figures mine = figures.computeIfAbsent(mode, (k) -> new Figures());
				mine.changed.add(changed);
				mine.overlapping += overlapping;
				mine.windows += after.size();
				mine.withinBound += (changed <= overlapping + 1) ? 1 : 0;
				if (changed > overlapping + 1) {
					System.out.printf("%s: %s edit at %d of %s changed %d ids (%d overlapping)%n", mode,
							(edited.length > original.length) ? "insert" : "delete", range[0], method.path(), changed,
							overlapping);
				}
			}
		}
		return figures;
	}

	/**
	 * One edit inside the method's body, one of three kinds with equal chances: a simple statement of the body
	 * deleted (its syntax kept), one statement inserted after the line that opens the body, or a block of 3 to 12. {@code range} receives the edited bytes' range in the new file.
	 */
	private static byte[] edit(byte[] bytes, Method method, Random random, int serial, int[] range) {
		int body = PackedCorpusTest.DocAttachment.commentEnd(bytes, method.start(), method.end());
		String text = new String(bytes, body, method.end() - body, StandardCharsets.ISO_8859_1);
		int open = body + text.indexOf("{\n") + 2;
		// Lines of the body that are whole simple statements: deleting one keeps the file's syntax.
		List<int[]> statements = new ArrayList<>();
		int lineStart = open;
		String previous = "{";
		for (int i = open; i < method.end(); i++) {
			if (bytes[i] == '\n') {
				String line = new String(bytes, lineStart, i - lineStart, StandardCharsets.ISO_8859_1).strip();
				boolean starts = previous.endsWith(";") || previous.endsWith("{") || previous.endsWith("}");
				if (starts && line.endsWith(";") && line.chars().noneMatch((c) -> c == '{' || c == '}' || c == '"' || c == '\'')
						&& !line.startsWith("*") && !line.startsWith("/") && !line.startsWith("for")) {
					statements.add(new int[] { lineStart, i + 1 });
				}
				previous = line.isEmpty() ? previous : line;
				lineStart = i + 1;
			}
		}
		int kind = random.nextInt(3);
		if (!statements.isEmpty() && kind == 0) {
			int[] line = statements.get(random.nextInt(statements.size()));
			range[0] = line[0];
			range[1] = line[0];
			byte[] shorter = new byte[bytes.length - (line[1] - line[0])];
			System.arraycopy(bytes, 0, shorter, 0, line[0]);
			System.arraycopy(bytes, line[1], shorter, line[0], bytes.length - line[1]);
			return shorter;
		}
		StringBuilder inserted = new StringBuilder();
		int lines = (kind == 2) ? 3 + random.nextInt(10) : 1;
		for (int line = 0; line < lines; line++) {
			inserted.append("        int edited").append(serial).append('_').append(line).append(" = check(").append(serial)
				.append(", ").append(line).append(");\n");
		}
		byte[] statement = inserted.toString().getBytes(StandardCharsets.UTF_8);
		byte[] longer = Arrays.copyOf(bytes, bytes.length + statement.length);
		System.arraycopy(statement, 0, longer, open, statement.length);
		System.arraycopy(bytes, open, longer, open + statement.length, bytes.length - open);
		range[0] = open;
		range[1] = open + statement.length;
		return longer;
	}

	private static Set<String> ids(PackedFile packed) {
		Set<String> ids = new HashSet<>();
		packed.windows().forEach((window) -> ids.add(window.windowId()));
		return ids;
	}

}
