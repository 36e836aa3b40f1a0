package dev.chunker.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.chunker.query.ApiToken;
import dev.chunker.settings.ChunkerSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chunker serve}: the read-only REST API over the index, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
		description = "Serve the read-only REST API (GET /api/...; OpenAPI at /api/openapi.json) until stopped.")
final class ServeCommand implements Callable<Integer> {

	@Spec
	@SuppressWarnings("NullAway.Init")
	CommandSpec spec;

	@Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "TCP port (default 8080; 0 = any free port).")
	int port = 8080;

	@Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
			description = "Address to listen on (default 127.0.0.1; 0.0.0.0 for every interface: then a token is required).")
	String bind = "127.0.0.1";

	@Option(names = "--token-file", paramLabel = "FILE",
			description = "File holding the bearer token every request must send (Authorization: Bearer <token>); "
					+ "else the environment variable CHUNKER_API_TOKEN. Required unless bound to a loopback address.")
	@Nullable Path tokenFile;

	@Option(names = "--no-auth", description = "Serve without a token on a non-loopback address (for a network "
			+ "where a proxy in front authenticates).")
	boolean noAuth;

	@Option(names = "--mcp", description = "Also serve the Model Context Protocol's streamable HTTP transport at /mcp "
			+ "(the tools of 'chunker mcp', under the same access rule; see docs/mcp.md).")
	boolean mcp;

	@Mixin
	@SuppressWarnings("NullAway.Init")
	DatabaseOptions options;

	@Override
	public Integer call() {
		if (this.port < 0 || this.port > 65535) {
			throw new ChunkerCommand.UsageException("--port must be between 0 and 65535");
		}
		ApiToken token = ServeAccess.token(this.bind, this.tokenFile, System.getenv(ServeAccess.TOKEN_VARIABLE), this.noAuth);
		ChunkerSettings settings = this.options.settings(Map.of());
		String url = this.options.url(settings);
		PrintWriter out = this.spec.commandLine().getOut();
		CountDownLatch closed = new CountDownLatch(1);
		try (ConfigurableApplicationContext context = DatabaseContext.startServer(settings, url, this.bind, this.port,
				token, this.mcp, this.options.verbose)) {
			context.addApplicationListener((ContextClosedEvent event) -> closed.countDown());
			int actual = DatabaseContext.port(context);
			String host = this.bind.contains(":") ? "[" + this.bind + "]" : this.bind;
			out.println("chunker: serving " + DatabaseContext.describe(url) + " at http://" + host + ":" + actual
					+ "/api (OpenAPI description: /api/openapi.json" + (this.mcp ? "; MCP: /mcp" : "") + "; "
					+ ((token != null) ? "bearer token required"
					: "no authentication") + "); stop with Ctrl-C");
			out.flush();
			try {
				while (context.isActive()) {
					closed.await();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return ChunkerCommand.OK;
		}
	}

}
