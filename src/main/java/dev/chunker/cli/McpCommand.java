package dev.chunker.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.chunker.mcp.McpEndpoint;
import dev.chunker.query.QueryService;
import dev.chunker.settings.ChunkerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chunker mcp}: the index as a Model Context Protocol server on standard input and output, for a code
 * assistant that starts it. Standard output carries protocol messages only: whatever else would be printed there
 * goes to standard error.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
		description = "Serve the index to a code assistant over the Model Context Protocol (JSON-RPC on standard input "
				+ "and output; read-only tools search_code, get_chunk, file_outline, list_repositories, changes_since; "
				+ "see docs/mcp.md). Ends when standard input ends.")
final class McpCommand implements Callable<Integer> {

	@Spec
	@SuppressWarnings("NullAway.Init")
	CommandSpec spec;

	@Mixin
	@SuppressWarnings("NullAway.Init")
	DatabaseOptions options;

	@Override
	public Integer call() throws InterruptedException {
		ChunkerSettings settings = this.options.settings(Map.of());
		String url = this.options.url(settings);
		PrintStream protocol = System.out;
		// Only the transport writes to standard output; logs and stray prints go to standard error.
		System.setOut(System.err);
		try (QueryDatabase database = QueryDatabase.open(settings, url, this.options.verbose, true)) {
			QueryService queries = database.queries();
			this.spec.commandLine().getErr().println("chunker: MCP server over " + DatabaseContext.describe(url)
					+ " on standard input and output (read-only); it ends when its input ends");
			this.spec.commandLine().getErr().flush();
			new McpEndpoint(queries).serveStdio(System.in, protocol, System.err);
			return ChunkerCommand.OK;
		}
		finally {
			protocol.flush();
			System.setOut(protocol);
		}
	}

}
