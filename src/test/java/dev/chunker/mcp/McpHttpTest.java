package dev.chunker.mcp;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.chunker.cli.ChunkerCommand;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code chunker serve --mcp}: the SDK's own client on the streamable HTTP transport at {@code /mcp}, under the REST
 * API's access rule (here a bearer token on loopback): without the token a 401, with it the five tools, answers as
 * {@code chunker query} gives them and one-sentence errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpHttpTest {

	static final String TOKEN = "mcp-t0k3n-4d1e9b7c2a";

	Path work;

	String url;

	int port;

	Thread server;

	final StringWriter serverOut = new StringWriter();

	@BeforeAll
	void indexAndServe() throws Exception {
		this.work = Files.createTempDirectory("chunker-mcp-http-");
		Path tree = this.work.resolve("tree");
		Files.createDirectories(tree);
		Files.copy(AbstractMcpStdioTest.PYTHON.resolve("colorsys.py"), tree.resolve("colorsys.py"));
		Files.copy(AbstractMcpStdioTest.PYTHON.resolve("textwrap.py"), tree.resolve("textwrap.py"));
		this.url = "jdbc:h2:file:" + this.work.resolve("index") + ";DB_CLOSE_ON_EXIT=FALSE";
		assertThat(cli("index", tree.toString(), "--db", this.url, "--repo", "colors")).isNotNull();
		Path tokenFile = this.work.resolve("token");
		Files.writeString(tokenFile, TOKEN + "\n");
		Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
		try (ServerSocket socket = new ServerSocket(0)) {
			this.port = socket.getLocalPort();
		}
		PrintWriter out = new PrintWriter(this.serverOut, true);
		this.server = Thread.ofPlatform().name("serve-mcp").start(() -> ChunkerCommand.run(out, out, "serve", "--mcp",
				"--db", this.url, "--port", Integer.toString(this.port), "--token-file", tokenFile.toString()));
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (!this.serverOut.toString().contains("serving")) {
			assertThat(this.server.isAlive()).as("serve is running: " + this.serverOut).isTrue();
			assertThat(System.nanoTime()).as("serve starts within 2 minutes").isLessThan(deadline);
			Thread.sleep(200);
		}
		assertThat(this.serverOut.toString()).contains("MCP: /mcp", "bearer token required");
	}

	@AfterAll
	void stop() throws Exception {
		if (this.server != null) {
			this.server.interrupt();
			this.server.join(30_000);
		}
		if (this.work != null) {
			try (var paths = Files.walk(this.work)) {
				paths.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
			}
		}
	}

	@Test
	void withoutTheTokenTheMcpEndpointIsA401AndFromAWebPageA403() throws Exception {
		String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
				+ "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
		try (HttpClient http = HttpClient.newHttpClient()) {
			for (String authorization : new String[] { null, "Bearer wrong-" + TOKEN }) {
				HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/mcp"))
					.header("Content-Type", "application/json")
					.header("Accept", "application/json, text/event-stream")
					.POST(HttpRequest.BodyPublishers.ofString(initialize));
				if (authorization != null) {
					request.header("Authorization", authorization);
				}
				HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
				assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying((v) -> assertThat(v).startsWith("Bearer"));
				assertThat(response.body()).doesNotContain("jsonrpc");
			}
			// With the token, a request from a web page (it carries an Origin) is refused: no DNS rebinding.
			HttpResponse<String> fromPage = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/mcp"))
				.header("Content-Type", "application/json")
				.header("Accept", "application/json, text/event-stream")
				.header("Authorization", "Bearer " + TOKEN)
				.header("Origin", "http://attacker.example")
				.POST(HttpRequest.BodyPublishers.ofString(initialize))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(fromPage.statusCode()).as(fromPage.body()).isEqualTo(403);
			assertThat(fromPage.body()).contains("Invalid Origin header").doesNotContain("jsonrpc");
		}
	}

	@Test
	void theSdkClientUsesTheToolsOverStreamableHttp() throws Exception {
		HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + this.port)
			.endpoint("/mcp")
			.requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + TOKEN))
			.build();
		McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
		try {
			McpSchema.InitializeResult init = client.initialize();
			assertThat(init.serverInfo().name()).isEqualTo("chunker");
			List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
			assertThat(names).containsExactlyInAnyOrderElementsOf(AbstractMcpStdioTest.TOOLS);
			McpSchema.CallToolResult found = client.callTool(new McpSchema.CallToolRequest("search_code",
					Map.of("text", "rgb", "limit", 50)));
			assertThat(found.isError()).isFalse();
			JsonNode body = StdioClient.JSON.readTree(((McpSchema.TextContent) found.content().get(0)).text());
			List<String> ids = new ArrayList<>();
			body.get("results").forEach((r) -> ids.add(r.get("chunk_id").asString()));
			List<String> expected = cli("query", "--db", this.url, "--text", "rgb", "--limit", "50", "--format", "jsonl")
				.lines().map((line) -> StdioClient.JSON.readTree(line).get("chunk_id").asString()).toList();
			assertThat(ids).isEqualTo(expected).isNotEmpty();
			McpSchema.CallToolResult outline = client.callTool(new McpSchema.CallToolRequest("file_outline",
					Map.of("path", "textwrap.py")));
			assertThat(outline.isError()).isFalse();
			McpSchema.CallToolResult bad = client.callTool(new McpSchema.CallToolRequest("get_chunk", Map.of("chunk_id", "zz")));
			assertThat(bad.isError()).isTrue();
			assertThat(((McpSchema.TextContent) bad.content().get(0)).text()).isEqualTo(
					"chunk_id: 'zz' is not a chunk id (4 to 40 hexadecimal digits).");
		}
		finally {
			client.closeGracefully();
		}
	}

	private static String cli(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int code = ChunkerCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
		assertThat(code).as("chunker %s: %s", String.join(" ", args), err).isZero();
		return out.toString();
	}

}
