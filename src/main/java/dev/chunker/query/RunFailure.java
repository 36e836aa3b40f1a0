package dev.chunker.query;

/**
 * A file a run could not chunk.
 * @param path the file
 * @param reason the reason code
 * @param message the explanation
 */
public record RunFailure(String path, String reason, String message) {
}
