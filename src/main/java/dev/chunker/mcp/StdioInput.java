package dev.chunker.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * The client's input as the stdio transport reads it, one line at a time. A line that is not a JSON-RPC message (or
 * longer than {@link #MAX_LINE} bytes) is left out with one line on standard error: the SDK's transport would stop
 * reading at it, leaving the client without answers. The end of the input (or a read that fails) is signalled and
 * held back from the transport until {@link #release()}.
 */
final class StdioInput extends InputStream {

	/** The longest line passed on (a request of the five tools is far smaller). */
	static final int MAX_LINE = 1 << 20;

	private final InputStream in;

	private final McpJsonMapper json;

	private final PrintStream notices;

	private final CountDownLatch ended = new CountDownLatch(1);

	private final CountDownLatch released = new CountDownLatch(1);

	private byte[] line = new byte[0];

	private int position;

	StdioInput(InputStream in, McpJsonMapper json, PrintStream notices) {
		this.in = in;
		this.json = json;
		this.notices = notices;
	}

	void awaitEnd() throws InterruptedException {
		this.ended.await();
	}

	void release() {
		this.released.countDown();
	}

	@Override
	public int read() throws IOException {
		if (!fill()) {
			return -1;
		}
		return this.line[this.position++] & 0xff;
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		if (len == 0) {
			return 0;
		}
		if (!fill()) {
			return -1;
		}
		int n = Math.min(len, this.line.length - this.position);
		System.arraycopy(this.line, this.position, b, off, n);
		this.position += n;
		return n;
	}

	/** Makes sure a line is at hand; false at the end of the input (once released). */
	private boolean fill() throws IOException {
		while (this.position >= this.line.length) {
			ByteArrayOutputStream next = new ByteArrayOutputStream();
			boolean tooLong = false;
			int b;
			try {
				while ((b = this.in.read()) >= 0 && b != '\n') {
					if (next.size() < MAX_LINE) {
						next.write(b);
					}
					else {
						tooLong = true;
					}
				}
			}
			catch (IOException ex) {
				end();
				throw ex;
			}
			if (b < 0 && next.size() == 0) {
				end();
				return false;
			}
			String text = next.toString(StandardCharsets.UTF_8);
			if (tooLong) {
				notice("left out a line of input longer than " + MAX_LINE + " bytes");
			}
			else if (!text.isBlank() && message(text)) {
				this.line = (text.strip() + "\n").getBytes(StandardCharsets.UTF_8);
				this.position = 0;
			}
		}
		return true;
	}

	private boolean message(String text) {
		try {
			McpSchema.deserializeJsonRpcMessage(this.json, text);
			return true;
		}
		catch (IOException | RuntimeException ex) {
			notice("left out a line of input that is not a JSON-RPC message: "
					+ ((text.length() > 60) ? text.substring(0, 57) + "..." : text).strip());
			return false;
		}
	}

	private void notice(String message) {
		this.notices.println("chunker: " + message);
		this.notices.flush();
	}

	private void end() throws InterruptedIOException {
		this.ended.countDown();
		try {
			this.released.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted at the end of the input");
		}
	}

}
