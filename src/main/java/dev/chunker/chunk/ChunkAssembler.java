package dev.chunker.chunk;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Nests captures that arrive in document order (outer before inner at the same start) with an explicit ancestor
 * stack, and builds their chunks: a wrapper lends its extent to the definition inside it, a comment directly above
 * a definition joins it, a skipped region drops the definitions in it, and ids follow the nesting.
 */
final class ChunkAssembler {

	private final SourceText source;

	private final LanguageRules rules;

	private final String filePath;

	private final String fileId;

	private final Consumer<CodeChunk> sink;

	private long emitted;

	private @Nullable Capture wrapper;

	private int commentStart = -1;

	private int commentEnd = -1;

	private int skipEnd = -1;

	private final List<String> imports;

	private final Deque<Open> stack = new ArrayDeque<>();

	private final Open root = new Open(0, Integer.MAX_VALUE, "", null, null, new int[0], new String[0]);

	ChunkAssembler(SourceText source, CompiledLanguage language, String filePath, List<String> imports,
			Consumer<CodeChunk> sink) {
		this.sink = sink;
		this.imports = imports;
		this.source = source;
		this.rules = language.rules();
		this.filePath = filePath;
		this.fileId = ChunkIds.fileId(filePath);
	}

	/** Chunks handed to the sink so far. */
	long emitted() {
		return this.emitted;
	}

	void accept(Capture capture) {
		switch (capture.kind()) {
			case Capture.COMMENT -> {
				if (this.commentStart >= 0 && this.source.adjacent(this.commentEnd, capture.start())) {
					this.commentEnd = capture.end();
				}
				else if (this.source.startsLine(capture.start())) {
					this.commentStart = capture.start();
					this.commentEnd = capture.end();
				}
				else {
					this.commentStart = -1;
				}
			}
			case Capture.WRAPPER -> {
				if (this.wrapper == null || capture.start() >= this.wrapper.end()) {
					this.wrapper = capture;
				}
			}
			case Capture.SKIP -> this.skipEnd = Math.max(this.skipEnd, capture.end());
			default -> acceptDefinition(capture);
		}
	}

	private void acceptDefinition(Capture capture) {
		if (capture.start() < this.skipEnd) {
			return;
		}
		int start = capture.start();
		int end = capture.end();
		String name = capture.name();
		boolean hasError = capture.hasError();
		int poppedEnd = popTo(start);
		Capture around = this.wrapper;
		// A wrapper lends its span to its own definition only, and never across a definition that opened inside
		// it and is still open (in broken code its own definition can come after others, inside them).
		if (around != null && capture.wrappable() && start >= around.start() && start < around.end()
				&& top().start <= around.start()) {
			start = around.start();
			end = Math.max(end, around.end());
			name = (name != null) ? name : around.name();
			hasError |= around.hasError();
			this.wrapper = null;
		}
		int[] doc = null;
		if (this.commentStart >= 0 && this.commentEnd <= start && this.commentStart >= poppedEnd
				&& this.commentStart >= top().start && this.source.adjacent(this.commentEnd, start)) {
			SignatureReader.Declaration declaration = capture.declaration();
			if (declaration != null && !declaration.docPrefixes().isEmpty()) {
				doc = DocComments.inComments(this.source, this.commentStart, this.commentEnd, declaration.docPrefixes());
			}
			start = this.commentStart;
		}
		this.commentStart = -1;
		open(capture, start, end, name, hasError, doc);
	}

	private Open top() {
		Open top = this.stack.peek();
		return (top != null) ? top : this.root;
	}

	/** Closes the definitions that end before {@code offset}; returns the largest end closed. */
	private int popTo(int offset) {
		int poppedEnd = -1;
		while (!this.stack.isEmpty() && this.stack.peek().end <= offset) {
			poppedEnd = Math.max(poppedEnd, this.stack.pop().end);
		}
		return poppedEnd;
	}

	private void open(Capture capture, int start, int end, @Nullable String name, boolean hasError,
			int @Nullable [] commentDoc) {
		Open parent = top();
		String type = capture.type();
		String occurrenceKey = type + '\0' + ((name != null) ? name : "");
		int occurrence = parent.occurrences.merge(occurrenceKey, 1, Integer::sum) - 1;
		String definitionId = ChunkIds.definitionId(this.fileId, parent.definitionId, type, (name != null) ? name : "",
				occurrence);
		String qualifiedName = (name == null) ? null
				: (parent.qualifiedName != null) ? parent.qualifiedName + "." + name : name;
		// Anonymous definitions pass their parent's qualified name on, so children keep a meaningful path.
		String scopeName = (name != null) ? qualifiedName : parent.qualifiedName;
		Open emittedAncestor = parent.emitted() ? parent : parent.emittedAncestor;
		String parentChunkId = (emittedAncestor != null) ? emittedAncestor.partIdAt(start) : null;

		int lines = this.source.lineCount(start, end);
		int max = this.rules.maxChunkLines();
		int[] partStarts = new int[0];
		String[] partIds = new String[0];
		if (lines >= this.rules.minChunkLines()) {
			partStarts = (max > 0 && lines > max) ? PartSplitter.split(this.source, start, end, capture.cuts(), max)
					: new int[] { start };
			partIds = new String[partStarts.length];
			for (int i = 0; i < partStarts.length; i++) {
				int partStart = partStarts[i];
				int partEnd = (i + 1 < partStarts.length) ? partStarts[i + 1] : end;
				String contentHash = this.source.contentHash(partStart, partEnd);
				String chunkId = ChunkIds.chunkId(definitionId, i, contentHash);
				partIds[i] = chunkId;
				this.emitted++;
				DefinitionMetadata metadata = (i == 0) ? metadata(capture.declaration(), commentDoc, partStart, partEnd)
						: null;
				this.sink.accept(new CodeChunk(this.filePath, this.rules.id(), type, name, qualifiedName, parentChunkId,
						this.source.lineOf(partStart), this.source.endLineOf(partStart, partEnd), partStart, partEnd,
						this.source.content(partStart, partEnd), chunkId, this.fileId, definitionId, contentHash,
						hasError, i, partStarts.length, metadata));
			}
		}
		this.stack.push(new Open(start, end, definitionId, scopeName, emittedAncestor, partStarts, partIds));
	}

	/**
	 * The metadata of a definition's first part: what its node declares, its doc (a doc string inside it, else the
	 * doc comment among the comments that joined it) when that lies inside the part, and the file's imports.
	 */
	private @Nullable DefinitionMetadata metadata(SignatureReader.@Nullable Declaration declaration,
			int @Nullable [] commentDoc, int partStart, int partEnd) {
		if (declaration == null) {
			return null;
		}
		int[] doc = (declaration.docStart() >= 0) ? new int[] { declaration.docStart(), declaration.docEnd() } : commentDoc;
		if (doc != null && (doc[0] < partStart || doc[1] > partEnd || doc[1] <= doc[0])) {
			doc = null;
		}
		String text = (doc != null) ? DocComments.clean(this.source.content(doc[0], doc[1])) : null;
		return new DefinitionMetadata(declaration.signature(), declaration.parameters(), declaration.returns(),
				declaration.modifiers(), declaration.annotations(), text, (doc != null) ? doc[0] : null,
				(doc != null) ? doc[1] : null, this.imports);
	}

	/** A definition on the ancestor stack. */
	private static final class Open {

		final int start;

		final int end;

		final String definitionId;

		final @Nullable String qualifiedName;

		final @Nullable Open emittedAncestor;

		final int[] partStarts;

		final String[] partIds;

		final Map<String, Integer> occurrences = new HashMap<>();

		Open(int start, int end, String definitionId, @Nullable String qualifiedName, @Nullable Open emittedAncestor,
				int[] partStarts, String[] partIds) {
			this.start = start;
			this.end = end;
			this.definitionId = definitionId;
			this.qualifiedName = qualifiedName;
			this.emittedAncestor = emittedAncestor;
			this.partStarts = partStarts;
			this.partIds = partIds;
		}

		boolean emitted() {
			return this.partIds.length > 0;
		}

		String partIdAt(int offset) {
			int index = 0;
			for (int i = 0; i < this.partStarts.length; i++) {
				if (this.partStarts[i] <= offset) {
					index = i;
				}
			}
			return this.partIds[index];
		}

	}

}
