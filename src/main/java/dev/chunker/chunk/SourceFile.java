package dev.chunker.chunk;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import dev.chunker.chunk.ChunkingException.Reason;

/**
 * A file on disk that passed the checks of its attributes ({@link SourceValidator#file}): a regular file within the
 * parser's and the configured size limits. Reading it maps I/O errors to the same reasons on every path.
 * @param path the file on disk
 * @param sizeBytes its size when checked
 * @param mtimeMillis its modification time when checked
 */
public record SourceFile(Path path, long sizeBytes, long mtimeMillis) {

	/** How a symbolic link is treated. */
	public enum Links {

		/** The link's target is checked and read: for a path a user names. */
		FOLLOW,
		/**
		 * A link is refused as not a regular file: for files listed by a scan, which reports links itself and whose
		 * links may point outside the repository.
		 */
		REFUSE

	}

	/** The whole file on the heap. */
	public byte[] readAll() {
		try {
			return Files.readAllBytes(this.path);
		}
		catch (IOException ex) {
			throw readFailure(ex);
		}
		catch (OutOfMemoryError ex) {
			throw new ChunkingException(Reason.TOO_LARGE, "file does not fit in memory");
		}
	}

	/** The file memory-mapped read-only, never copied onto the heap. */
	public MappedByteBuffer map() {
		try (FileChannel channel = FileChannel.open(this.path, StandardOpenOption.READ)) {
			return channel.map(FileChannel.MapMode.READ_ONLY, 0, this.sizeBytes);
		}
		catch (IOException ex) {
			throw readFailure(ex);
		}
	}

	/** The refusal for an I/O error while reading a file or its attributes. */
	static ChunkingException readFailure(IOException ex) {
		if (ex instanceof NoSuchFileException) {
			return new ChunkingException(Reason.VANISHED, "file vanished before it was read");
		}
		if (ex instanceof AccessDeniedException) {
			return new ChunkingException(Reason.UNREADABLE, "permission denied");
		}
		String reason = (ex instanceof FileSystemException fs && fs.getReason() != null) ? fs.getReason()
				: String.valueOf(ex.getMessage());
		return new ChunkingException(Reason.UNREADABLE, "cannot read: " + reason);
	}

}
