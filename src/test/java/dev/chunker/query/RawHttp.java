package dev.chunker.query;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP/1.0 over a plain socket, for requests no HTTP client would send as given (invalid percent-escapes, a 1 MB
 * request line): the target goes on the wire byte for byte. Every read times out after 10 s, so a request that
 * hangs fails the test instead of blocking it.
 */
final class RawHttp {

	static final JsonMapper JSON = JsonMapper.builder().build();

	record Reply(int status, Map<String, String> headers, String body) {

		String header(String name) {
			return this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
		}

		JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

	private RawHttp() {
	}

	static Reply get(String host, int port, String target, String... headers) throws IOException {
		return send(host, port, "GET", target, headers);
	}

	static Reply send(String host, int port, String method, String target, String... headers) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 10_000);
			socket.setSoTimeout(10_000);
			StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.0\r\nHost: ")
				.append(host).append("\r\n");
			for (String header : headers) {
				request.append(header).append("\r\n");
			}
			request.append("\r\n");
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
			}
			catch (SocketException ex) {
				// the server answered and closed before reading it all: its answer is still to be read
			}
			return parse(socket.getInputStream());
		}
	}

	private static Reply parse(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try {
			in.transferTo(bytes);
		}
		catch (SocketException ex) {
			// reset after the answer was sent
		}
		String text = bytes.toString(StandardCharsets.UTF_8);
		int end = text.indexOf("\r\n\r\n");
		if (end < 0) {
			throw new IOException("no complete HTTP answer: '" + text + "'");
		}
		String[] lines = text.substring(0, end).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
		}
		return new Reply(status, headers, text.substring(end + 4));
	}

}
