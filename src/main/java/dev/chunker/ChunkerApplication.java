package dev.chunker;

import dev.chunker.cli.ChunkerCommand;

/** Entry point: the command line decides whether a Spring context is needed at all. */
public final class ChunkerApplication {

	private ChunkerApplication() {
	}

	public static void main(String[] args) {
		System.exit(ChunkerCommand.run(args));
	}

}
