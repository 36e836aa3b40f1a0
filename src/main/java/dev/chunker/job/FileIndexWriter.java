package dev.chunker.job;

import dev.chunker.store.ChunkDao;
import dev.chunker.store.ContentDao;
import dev.chunker.store.FileChange;
import dev.chunker.store.FileDao;
import dev.chunker.store.MetadataColumns;
import dev.chunker.store.FileErrorDao;
import dev.chunker.store.WindowDao;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Persists processed files in the chunk transaction: per file, its content (once per distinct content), the file
 * row and exactly the chunk rows that changed. Idempotent, so a chunk replayed after a crash leaves the same rows.
 */
public class FileIndexWriter implements ItemWriter<FileOutcome> {

	private final FileDao files;

	private final ChunkDao chunks;

	private final ContentDao contents;

	private final FileErrorDao errors;

	private final StreamedFileIndexer streamedFiles;

	private final WindowDao windows;

	private final long repoId;

	private final long runId;

	private final IndexProgress progress;

	public FileIndexWriter(FileDao files, ChunkDao chunks, WindowDao windows, ContentDao contents, FileErrorDao errors,
			StreamedFileIndexer streamedFiles, long repoId, long runId, IndexProgress progress) {
		this.windows = windows;
		this.files = files;
		this.chunks = chunks;
		this.contents = contents;
		this.errors = errors;
		this.streamedFiles = streamedFiles;
		this.repoId = repoId;
		this.runId = runId;
		this.progress = progress;
	}

	@Override
	public void write(Chunk<? extends FileOutcome> outcomes) {
		for (FileOutcome outcome : outcomes) {
			boolean failed = switch (outcome) {
				case FileOutcome.Indexed indexed -> {
					writeIndexed(indexed);
					yield false;
				}
				case FileOutcome.Unchanged unchanged -> {
					this.files.touchFile(this.repoId, this.runId, unchanged.path(), unchanged.size(), unchanged.mtimeMillis());
					yield false;
				}
				case FileOutcome.Failed failure -> {
					writeFailure(failure);
					yield true;
				}
				case FileOutcome.Streamed streamed -> {
					var failure = this.streamedFiles.index(this.repoId, this.runId, streamed);
					failure.ifPresent(this::writeFailure);
					if (failure.isEmpty() && streamed.change() != FileChange.NEW) {
						// a file streamed in bounded memory gets no windows: the packed view needs it whole
						this.windows.deleteFileWindows(this.repoId, this.runId, streamed.path());
					}
					yield failure.isPresent();
				}
			};
			long size = switch (outcome) {
				case FileOutcome.Indexed indexed -> indexed.chunks().sizeBytes();
				case FileOutcome.Unchanged unchanged -> unchanged.size();
				case FileOutcome.Failed failure -> failure.size();
				case FileOutcome.Streamed streamed -> streamed.size();
			};
			this.progress.done(size, failed);
		}
	}

	private void writeIndexed(FileOutcome.Indexed indexed) {
		var file = indexed.chunks();
		this.contents.store(file.contentHash(), indexed.content());
		this.files.writeIndexed(this.repoId, this.runId, file.filePath(), file.fileId(), file.language(), file.sizeBytes(),
				indexed.mtimeMillis(), file.contentHash(), indexed.rulesVersion(), indexed.change(), file.chunks().size(),
				MetadataColumns.importsJson(file.chunks()));
		if (indexed.change() == FileChange.NEW) {
			this.chunks.insertNewFileChunks(this.repoId, this.runId, file.chunks());
		}
		else {
			this.chunks.updateFileChunks(this.repoId, this.runId, file.filePath(), file.chunks());
		}
		if (indexed.windows() != null) {
			this.windows.replaceFileWindows(this.repoId, this.runId, file.filePath(), indexed.change(), indexed.windows());
		}
	}

	/** A file that could not be chunked: recorded with its reason; its earlier chunks are kept. */
	private void writeFailure(FileOutcome.Failed failed) {
		this.files.writeFailed(this.repoId, this.runId, failed.path(), failed.fileId(), failed.language(), failed.size(),
				failed.mtimeMillis(), failed.rulesVersion(), failed.reason(), failed.message());
		this.errors.recordError(this.runId, this.repoId, failed.path(), failed.reason(), failed.message());
	}

}
