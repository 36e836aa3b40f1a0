package dev.chunker.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.chunker.query.InvalidParameterException;
import dev.chunker.query.NotFoundException;
import dev.chunker.query.QueryService;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.jspecify.annotations.Nullable;

/**
 * The MCP server of the index, the one class that knows the MCP SDK: the {@link ToolCatalog} as SDK tools (read-only,
 * idempotent, closed-world), each call answered by {@link IndexTools} as JSON text plus the same object as structured
 * content, and every failure a tool error result ({@code isError}) with one sentence instead of a protocol error.
 */
public final class McpEndpoint {

	static final String SERVER_NAME = "chunker";

	static final String SERVER_VERSION = "0.1.0";

	static final String INSTRUCTIONS = "A read-only index of source repositories as semantic chunks (functions, classes, "
			+ "methods, ...). Find code with search_code (by words, symbol, path glob, language, node type, repository), "
			+ "read a chunk with get_chunk, see a file's definitions with file_outline, list what is indexed with "
			+ "list_repositories, and follow re-indexing with changes_since.";

	private final IndexTools tools;

	/** After its input ends, the server answers the calls it has read for at most this long. */
	static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);

	/** ... and ends once no call has run for this long. */
	static final Duration DRAIN_QUIET = Duration.ofMillis(500);

	private final McpJsonMapper json = McpJsonDefaults.getMapper();

	private final AtomicInteger running = new AtomicInteger();

	private volatile long lastActivity = System.nanoTime();

	public McpEndpoint(QueryService queries) {
		this.tools = new IndexTools(queries);
	}

	/**
	 * Serves one client over the stdio transport (newline-delimited JSON-RPC on {@code in} and {@code out}) until
	 * {@code in} ends; only protocol messages are written to {@code out}, what is left out of the input is told on
	 * {@code notices}.
	 */
	public void serveStdio(InputStream in, OutputStream out, PrintStream notices) throws InterruptedException {
		StdioInput input = new StdioInput(in, this.json, notices);
		McpSyncServer server = server(McpServer.sync(new StdioServerTransportProvider(this.json, input, out)));
		try {
			input.awaitEnd();
			this.lastActivity = System.nanoTime();
			drain();
		}
		finally {
			// Only now the transport sees the end (it closes the session then, dropping answers still to come).
			input.release();
			server.closeGracefully();
		}
	}

	/** The server of the index on the transport {@code spec} was made for. */
	McpSyncServer server(McpServer.SyncSpecification<?> spec) {
		return spec.serverInfo(SERVER_NAME, SERVER_VERSION)
			.instructions(INSTRUCTIONS)
			.capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
			.validateToolInputs(false)
			.tools(specifications())
			.build();
	}

	/** Waits until the calls read before the input ended are answered: none runs and none started for a while. */
	private void drain() throws InterruptedException {
		long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
		while (System.nanoTime() < deadline
				&& (this.running.get() > 0 || System.nanoTime() - this.lastActivity < DRAIN_QUIET.toNanos())) {
			Thread.sleep(50);
		}
	}

	/** The tools as the SDK serves them. */
	List<SyncToolSpecification> specifications() {
		McpSchema.ToolAnnotations readOnly = new McpSchema.ToolAnnotations(null, true, false, true, false, null);
		return ToolCatalog.ALL.stream()
			.map((tool) -> SyncToolSpecification.builder()
				.tool(McpSchema.Tool.builder()
					.name(tool.name())
					.title(tool.title())
					.description(tool.description())
					.inputSchema(tool.inputSchema())
					.annotations(readOnly)
					.build())
				.callHandler((exchange, request) -> answer(tool.name(), request.arguments()))
				.build())
			.toList();
	}

	/** The result of one call: the tool's answer, or an error result with one sentence. */
	CallToolResult answer(String name, @Nullable Map<String, Object> arguments) {
		this.running.incrementAndGet();
		try {
			return call(name, arguments);
		}
		finally {
			this.lastActivity = System.nanoTime();
			this.running.decrementAndGet();
		}
	}

	private CallToolResult call(String name, @Nullable Map<String, Object> arguments) {
		try {
			Map<String, @Nullable Object> body = this.tools.call(name, arguments);
			return CallToolResult.builder().addTextContent(this.json.writeValueAsString(body)).structuredContent(body)
				.isError(false).build();
		}
		catch (InvalidParameterException ex) {
			return error(ex.parameter() + ": " + ex.getMessage());
		}
		catch (NotFoundException | ToolException ex) {
			return error(String.valueOf(ex.getMessage()));
		}
		catch (IOException | RuntimeException ex) {
			return error("The index cannot be read: " + deepestMessage(ex));
		}
	}

	private static CallToolResult error(String message) {
		String sentence = message.strip();
		if (!sentence.endsWith(".")) {
			sentence = sentence + ".";
		}
		return CallToolResult.builder().addTextContent(sentence).isError(true).build();
	}

	/** The first line of the deepest message in the chain, where the real reason is. */
	private static String deepestMessage(Throwable ex) {
		String message = ex.getClass().getSimpleName();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
				message = cause.getMessage();
			}
		}
		return message.lines().findFirst().orElse(message);
	}

}
