package dev.chunker.mcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small MCP client over the stdio transport: starts a child process, writes one JSON-RPC message per line to its
 * standard input and reads one per line from its standard output, keeping every line it printed there (each must be
 * a protocol message) and its standard error in a file.
 */
final class StdioClient implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(90);

	private final Process process;

	private final OutputStream stdin;

	private final Path stderr;

	private final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();

	private final List<String> stdoutLines = new CopyOnWriteArrayList<>();

	private final AtomicLong ids = new AtomicLong();

	private final Thread reader;

	StdioClient(ProcessBuilder builder, Path stderr) throws IOException {
		this.stderr = stderr;
		this.process = builder.redirectError(stderr.toFile()).start();
		this.stdin = this.process.getOutputStream();
		this.reader = Thread.ofPlatform().daemon().start(() -> {
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = out.readLine(); line != null; line = out.readLine()) {
					this.stdoutLines.add(line);
					try {
						this.messages.add(JSON.readTree(line));
					}
					catch (RuntimeException ex) {
						// Kept in stdoutLines; the test fails on it.
					}
				}
			}
			catch (IOException ex) {
				// The process ended.
			}
		});
	}

	/** Sends a request and returns its response (the whole JSON-RPC message). */
	JsonNode request(String method, Object params) throws IOException, InterruptedException {
		long id = this.ids.incrementAndGet();
		send(Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", params));
		long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode message = this.messages.poll(100, TimeUnit.MILLISECONDS);
			if (message != null && message.has("id") && message.get("id").asLong() == id
					&& (message.has("result") || message.has("error"))) {
				return message;
			}
			if (message == null && !this.process.isAlive()) {
				break;
			}
		}
		throw new AssertionError("no answer to " + method + " " + params + "; stderr:\n" + stderr());
	}

	void notify(String method) throws IOException {
		send(Map.of("jsonrpc", "2.0", "method", method));
	}

	/** The result of a {@code tools/call}: asserts it is a result (not a protocol error). */
	JsonNode call(String tool, Map<String, ?> arguments) throws IOException, InterruptedException {
		JsonNode response = request("tools/call", Map.of("name", tool, "arguments", arguments));
		assertThat(response.has("result")).as("%s", response).isTrue();
		return response.get("result");
	}

	/** Writes one line as it is (not necessarily a message). */
	void sendLine(String line) throws IOException {
		this.stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
		this.stdin.flush();
	}

	private void send(Object message) throws IOException {
		this.stdin.write((JSON.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8));
		this.stdin.flush();
	}

	/** Closes the server's input and waits for it to end; returns its exit code. */
	int closeInput(Duration timeout) throws IOException, InterruptedException {
		this.stdin.close();
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new AssertionError("the server did not end within " + timeout + " of its input ending");
		}
		this.reader.join(10_000);
		return this.process.exitValue();
	}

	/** Every line the server printed on standard output. */
	List<String> stdoutLines() {
		return List.copyOf(this.stdoutLines);
	}

	String stderr() throws IOException {
		return Files.exists(this.stderr) ? Files.readString(this.stderr) : "";
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroyForcibly().waitFor();
		}
	}

}
