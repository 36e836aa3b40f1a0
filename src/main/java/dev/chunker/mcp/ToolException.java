package dev.chunker.mcp;

/** A tool call that cannot be answered as asked, with the one sentence the assistant gets as the error result. */
final class ToolException extends RuntimeException {

	ToolException(String sentence) {
		super(sentence);
	}

}
