package dev.chunker.query;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.chunker.cli.ChunkerCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code chunker serve} closed to strangers, on real servers over real sockets: off loopback it refuses to start
 * without a token (or {@code --no-auth}); with a token every request without it, or with a wrong one, is a 401 in the
 * API's JSON with {@code WWW-Authenticate: Bearer}; bad token files are refused in one line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiSecurityTest {

	static final String TOKEN = "t0k3n-9f2c41d7e8a6b5c3";

	Path work;

	String url;

	Path tokenFile;

	final List<Thread> servers = new ArrayList<>();

	@BeforeAll
	void indexOneTree() throws Exception {
		this.work = Files.createTempDirectory("chunker-api-security-");
		Path tree = this.work.resolve("tree");
		Files.createDirectories(tree);
		Files.copy(AbstractQueryTest.PYTHON.resolve("colorsys.py"), tree.resolve("colorsys.py"));
		this.url = "jdbc:h2:file:" + this.work.resolve("index") + ";DB_CLOSE_ON_EXIT=FALSE";
		assertThat(cli("index", tree.toString(), "--db", this.url, "--repo", "colors").code()).isZero();
		this.tokenFile = this.work.resolve("token");
		Files.writeString(this.tokenFile, TOKEN + "\n");
		Files.setPosixFilePermissions(this.tokenFile, PosixFilePermissions.fromString("rw-------"));
	}

	@AfterAll
	void stopServers() throws Exception {
		for (Thread server : this.servers) {
			server.interrupt();
			server.join(30_000);
		}
		if (this.work != null) {
			try (var paths = Files.walk(this.work)) {
				paths.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
			}
		}
	}

	@Test
	void offLoopbackItRefusesToStartWithoutAToken() throws Exception {
		assumeTrue(System.getenv("CHUNKER_API_TOKEN") == null, "CHUNKER_API_TOKEN is set in this environment");
		List<String> addresses = new ArrayList<>(List.of("0.0.0.0"));
		nonLoopbackAddress().ifPresent(addresses::add);
		for (String address : addresses) {
			AbstractQueryTest.Result refused = cli("serve", "--db", this.url, "--bind", address, "--port",
					Integer.toString(freePort()));
			assertThat(refused.code()).as(refused.err()).isEqualTo(ChunkerCommand.USAGE);
			assertThat(refused.err().strip().lines().count()).as(refused.err()).isEqualTo(1);
			assertThat(refused.err()).contains("serving on " + address, "needs a bearer token", "--token-file",
					"CHUNKER_API_TOKEN", "--no-auth");
			assertThat(refused.out()).doesNotContain("serving");
		}
	}

	@Test
	void unusableTokenFilesAreRefusedInOneLine() throws Exception {
		Path open = this.work.resolve("open-token");
		Files.writeString(open, TOKEN);
		Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-rw-rw-"));
		expectRefusal("writable by every user", "--token-file", open.toString());
		Path empty = this.work.resolve("empty-token");
		Files.writeString(empty, " \n");
		Files.setPosixFilePermissions(empty, PosixFilePermissions.fromString("rw-------"));
		expectRefusal("is empty", "--token-file", empty.toString());
		expectRefusal("does not exist", "--token-file", this.work.resolve("no-such-token").toString());
		expectRefusal("not a regular file", "--token-file", this.work.toString());
		Path spaced = this.work.resolve("spaced-token");
		Files.writeString(spaced, "two words");
		Files.setPosixFilePermissions(spaced, PosixFilePermissions.fromString("rw-------"));
		expectRefusal("printable ASCII without spaces", "--token-file", spaced.toString());
		expectRefusal("contradict", "--token-file", this.tokenFile.toString(), "--no-auth");
		if (!"root".equals(System.getProperty("user.name"))) {
			Path unreadable = this.work.resolve("unreadable-token");
			Files.writeString(unreadable, TOKEN);
			Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
			expectRefusal("cannot read", "--token-file", unreadable.toString());
		}
	}

	@Test
	void offLoopbackEveryRequestNeedsTheToken() throws Exception {
		int port = startServer("--bind", "0.0.0.0", "--token-file", this.tokenFile.toString());
		List<String> hosts = new ArrayList<>(List.of("127.0.0.1"));
		nonLoopbackAddress().ifPresent(hosts::add);
		for (String host : hosts) {
			for (String target : List.of("/api/repos", "/api/chunks?q=rgb", "/api/openapi.json", "/error", "/nothing")) {
				expect401(host + target + " without a token", RawHttp.get(host, port, target), false);
				expect401(host + target + " with a wrong token", RawHttp.get(host, port, target, "Authorization: Bearer wrong"), true);
				String almost = TOKEN.substring(0, TOKEN.length() - 1) + "x";
				expect401(host + target + " with an almost right token",
						RawHttp.get(host, port, target, "Authorization: Bearer " + almost), true);
				expect401(host + target + " with the token as Basic",
						RawHttp.get(host, port, target, "Authorization: Basic " + TOKEN), true);
				expect401(host + target + " with a longer token",
						RawHttp.get(host, port, target, "Authorization: Bearer " + TOKEN + TOKEN), true);
			}
			RawHttp.Reply repos = RawHttp.get(host, port, "/api/repos", "Authorization: Bearer " + TOKEN);
			assertThat(repos.status()).as(repos.body()).isEqualTo(200);
			assertThat(repos.json().get("items").get(0).get("name").asString()).isEqualTo("colors");
			JsonNode openApi = RawHttp.get(host, port, "/api/openapi.json", "Authorization: Bearer " + TOKEN).json();
			assertThat(openApi.get("components").get("securitySchemes").get("bearer").get("scheme").asString()).isEqualTo("bearer");
			assertThat(openApi.get("security").get(0).has("bearer")).isTrue();
			// The scheme is case-insensitive.
			assertThat(RawHttp.get(host, port, "/api/chunks?q=rgb", "Authorization: bearer " + TOKEN).json()
				.get("items").size()).isPositive();
			// Past the token, hostile parameters are still a JSON 400.
			AbstractQueryTest.expectJson400("with the token", RawHttp.get(host, port, "/api/chunks?q=%C3%28",
					"Authorization: Bearer " + TOKEN), null);
		}
	}

	@Test
	void onLoopbackAGivenTokenIsRequiredToo() throws Exception {
		int port = startServer("--token-file", this.tokenFile.toString());
		expect401("loopback without a token", RawHttp.get("127.0.0.1", port, "/api/repos"), false);
		assertThat(RawHttp.get("127.0.0.1", port, "/api/repos", "Authorization: Bearer " + TOKEN).status()).isEqualTo(200);
	}

	@Test
	void noAuthServesEveryoneWhenAskedExplicitly() throws Exception {
		int port = startServer("--bind", "0.0.0.0", "--no-auth");
		RawHttp.Reply repos = RawHttp.get("127.0.0.1", port, "/api/repos");
		assertThat(repos.status()).as(repos.body()).isEqualTo(200);
		assertThat(repos.header("WWW-Authenticate")).isEmpty();
		assertThat(RawHttp.get("127.0.0.1", port, "/api/openapi.json").json().has("security")).isFalse();
	}

	/** The token from the environment, in a child JVM (the variable cannot be set in this one). */
	@Test
	void theTokenCanComeFromTheEnvironment() throws Exception {
		Path tree = this.work.resolve("tree");
		String childUrl = "jdbc:h2:file:" + this.work.resolve("child-index") + ";DB_CLOSE_ON_EXIT=FALSE";
		assertThat(cli("index", tree.toString(), "--db", childUrl, "--repo", "colors").code()).isZero();
		int port = freePort();
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
				"-cp", System.getProperty("java.class.path"), "dev.chunker.ChunkerApplication", "serve", "--db", childUrl,
				"--bind", "0.0.0.0", "--port", Integer.toString(port));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.work.resolve("child.out").toFile());
		builder.environment().put("CHUNKER_API_TOKEN", TOKEN);
		Process child = builder.start();
		try {
			waitForServer(port, child::isAlive, () -> read(this.work.resolve("child.out")));
			assertThat(read(this.work.resolve("child.out"))).contains("bearer token required");
			expect401("child without a token", RawHttp.get("127.0.0.1", port, "/api/repos"), false);
			assertThat(RawHttp.get("127.0.0.1", port, "/api/repos", "Authorization: Bearer " + TOKEN).status()).isEqualTo(200);
		}
		finally {
			child.destroy();
			if (!child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
				child.destroyForcibly().waitFor();
			}
		}
		// An empty variable is no token: refused rather than served open.
		ProcessBuilder empty = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.work.resolve("empty.out").toFile());
		empty.environment().put("CHUNKER_API_TOKEN", "");
		Process refused = empty.start();
		assertThat(refused.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		assertThat(refused.exitValue()).isEqualTo(ChunkerCommand.USAGE);
		assertThat(read(this.work.resolve("empty.out")).strip()).isEqualTo("chunker: CHUNKER_API_TOKEN is empty");
	}

	// ---- helpers

	static void expect401(String request, RawHttp.Reply reply, boolean tokenGiven) {
		assertThat(reply.status()).as(request + ": " + reply.body()).isEqualTo(401);
		assertThat(reply.header("Content-Type")).as(request).startsWith("application/json");
		assertThat(reply.header("WWW-Authenticate")).as(request).startsWith("Bearer");
		JsonNode body = reply.json();
		assertThat(body.get("status").asInt()).isEqualTo(401);
		assertThat(body.get("error").asString()).isEqualTo("Unauthorized");
		assertThat(body.get("message").asString()).as(request).contains(tokenGiven ? "wrong" : "requires a bearer token");
		assertThat(reply.body()).doesNotContain("colors").doesNotContain(TOKEN);
	}

	void expectRefusal(String mention, String... options) throws IOException {
		List<String> args = new ArrayList<>(List.of("serve", "--db", this.url, "--port", Integer.toString(freePort())));
		Collections.addAll(args, options);
		AbstractQueryTest.Result refused = cli(args.toArray(String[]::new));
		assertThat(refused.code()).as(refused.err()).isEqualTo(ChunkerCommand.USAGE);
		assertThat(refused.err().strip().lines().count()).as(refused.err()).isEqualTo(1);
		assertThat(refused.err()).contains(mention);
	}

	/** Starts {@code chunker serve} in this JVM on a free port and waits until it answers. */
	int startServer(String... options) throws Exception {
		int port = freePort();
		List<String> args = new ArrayList<>(List.of("serve", "--db", this.url, "--port", Integer.toString(port)));
		Collections.addAll(args, options);
		StringWriter out = new StringWriter();
		PrintWriter writer = new PrintWriter(out, true);
		Thread server = Thread.ofPlatform().name("serve-" + port)
			.start(() -> ChunkerCommand.run(writer, writer, args.toArray(String[]::new)));
		this.servers.add(server);
		waitForServer(port, server::isAlive, out::toString);
		return port;
	}

	static void waitForServer(int port, java.util.function.BooleanSupplier alive,
			java.util.function.Supplier<String> output) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (true) {
			try {
				RawHttp.get("127.0.0.1", port, "/api/repos");
				if (output.get().contains("serving")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			assertThat(alive.getAsBoolean()).as("serve is running: " + output.get()).isTrue();
			assertThat(System.nanoTime()).as("serve starts within 2 minutes").isLessThan(deadline);
			Thread.sleep(200);
		}
	}

	static AbstractQueryTest.Result cli(String... args) {
		return AbstractQueryTest.cli(args);
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** An IPv4 address of this machine that is not loopback, if it has one. */
	static Optional<String> nonLoopbackAddress() throws IOException {
		for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (!nic.isUp() || nic.isLoopback()) {
				continue;
			}
			for (InetAddress address : Collections.list(nic.getInetAddresses())) {
				if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
					return Optional.of(address.getHostAddress());
				}
			}
		}
		return Optional.empty();
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			return "";
		}
	}

}
