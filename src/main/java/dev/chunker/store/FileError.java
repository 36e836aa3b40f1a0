package dev.chunker.store;

/**
 * One recorded failure.
 * @param path the file
 * @param reason the reason code as stored ({@code ChunkingException.Reason.code()})
 * @param message the explanation
 */
public record FileError(String path, String reason, String message) {
}
