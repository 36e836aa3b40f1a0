package dev.chunker.mcp;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.chunker.cli.ChunkerCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code chunker mcp} as an assistant meets it: a child process on an index built here (H2 or PostgreSQL, by subclass) (two repositories, one of
 * them indexed twice so it has a change feed), driven over stdio by a JSON-RPC line client. Each tool is called with
 * good arguments, checked against the same query through {@code chunker query} / {@code show}, and with bad ones,
 * which give a one-sentence error result; standard output carries protocol messages only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AbstractMcpStdioTest {

	static final Path PYTHON = Path.of("/usr/lib/python3.11");

	static final Set<String> TOOLS = Set.of("search_code", "get_chunk", "file_outline", "list_repositories", "changes_since");

	Path work;

	String url;

	long firstRun;

	StdioClient client;

	@BeforeAll
	void indexAndStart() throws Exception {
		this.work = Files.createTempDirectory("chunker-mcp-");
		Path pylib = this.work.resolve("pylib");
		Path other = this.work.resolve("other");
		Files.createDirectories(pylib.resolve("json"));
		Files.createDirectories(other);
		for (String name : List.of("textwrap.py", "colorsys.py", "bisect.py")) {
			Files.copy(PYTHON.resolve(name), pylib.resolve(name));
		}
		Files.copy(PYTHON.resolve("json/decoder.py"), pylib.resolve("json/decoder.py"));
		Files.copy(PYTHON.resolve("colorsys.py"), other.resolve("colorsys.py"));
		this.url = createDatabase(this.work);
		assertThat(cli("index", pylib.toString(), "--db", this.url, "--repo", "pylib").code).isZero();
		assertThat(cli("index", other.toString(), "--db", this.url, "--repo", "other").code).isZero();
		this.firstRun = json(cli("query", "--db", this.url, "--repo", "pylib", "--changed-since", "0", "--limit", "1",
				"--format", "json").out).get("latest_run_id").asLong();
		// A second run of pylib: one function renamed (its chunk deleted and another added), one added.
		Path bisect = pylib.resolve("bisect.py");
		Files.writeString(bisect, Files.readString(bisect).replace("def insort_left(", "def insort_left_renamed(")
				+ "\n\ndef added_later(a):\n    return sorted(a)\n");
		assertThat(cli("index", pylib.toString(), "--db", this.url, "--repo", "pylib").code).isZero();
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
				"dev.chunker.ChunkerApplication", "mcp", "--db", this.url);
		this.client = new StdioClient(new ProcessBuilder(command), this.work.resolve("mcp.err"));
	}

	/** A new empty database for the test; returns its URL for {@code --db}. */
	abstract String createDatabase(Path work) throws Exception;

	abstract void dropDatabase() throws Exception;

	@AfterAll
	void stop() throws Exception {
		if (this.client != null) {
			this.client.close();
		}
		dropDatabase();
		if (this.work != null) {
			try (var paths = Files.walk(this.work)) {
				paths.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
			}
		}
	}

	@Test
	@Order(1)
	void initializeAndListTheFiveToolsWithSchemas() throws Exception {
		JsonNode init = this.client.request("initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
				"clientInfo", Map.of("name", "mcp-test", "version", "1")));
		JsonNode result = init.get("result");
		assertThat(result.get("serverInfo").get("name").asString()).isEqualTo("chunker");
		assertThat(result.get("protocolVersion").asString()).isNotBlank();
		assertThat(result.get("capabilities").has("tools")).isTrue();
		this.client.notify("notifications/initialized");
		JsonNode tools = this.client.request("tools/list", Map.of()).get("result").get("tools");
		Map<String, JsonNode> byName = new HashMap<>();
		tools.forEach((tool) -> byName.put(tool.get("name").asString(), tool));
		assertThat(byName.keySet()).isEqualTo(TOOLS);
		for (JsonNode tool : byName.values()) {
			assertThat(tool.get("description").asString()).hasSizeGreaterThan(80);
			assertThat(tool.get("inputSchema").get("type").asString()).isEqualTo("object");
			assertThat(tool.get("inputSchema").get("additionalProperties").asBoolean(true)).isFalse();
			assertThat(tool.get("annotations").get("readOnlyHint").asBoolean()).isTrue();
		}
		assertThat(names(byName.get("search_code").get("inputSchema").get("properties")))
			.containsExactlyInAnyOrder("text", "symbol", "path", "language", "node_type", "repository", "limit", "offset");
		assertThat(byName.get("search_code").get("inputSchema").get("properties").get("limit").get("maximum").asInt())
			.isEqualTo(ToolCatalog.SEARCH_MAX);
		assertThat(strings(byName.get("get_chunk").get("inputSchema").get("required"))).containsExactly("chunk_id");
		assertThat(strings(byName.get("file_outline").get("inputSchema").get("required"))).containsExactly("path");
		assertThat(strings(byName.get("changes_since").get("inputSchema").get("required")))
			.containsExactly("repository", "since");
		assertThat(names(byName.get("list_repositories").get("inputSchema").get("properties"))).isEmpty();
	}

	@Test
	@Order(2)
	void searchCodeMatchesTheQueryCommand() throws Exception {
		assertSameSearch(Map.of("text", "hls", "repository", "pylib"), "--text", "hls", "--repo", "pylib");
		assertSameSearch(Map.of("symbol", "JSONDecoder.*"), "--symbol", "JSONDecoder.*");
		assertSameSearch(Map.of("path", "json/**", "node_type", "function_definition", "language", "python"),
				"--path", "json/**", "--type", "function_definition", "--language", "python");
		JsonNode ranked = ok(this.client.call("search_code", Map.of("text", "hls")));
		assertThat(ranked.get("results").get(0).has("score")).isTrue();
		// Paging: two pages of 3 are the first 6 of the command's order; next_offset points at the rest.
		List<String> expected = ids(jsonl(cli("query", "--db", this.url, "--repo", "pylib", "--limit", "0",
				"--format", "jsonl").out));
		JsonNode first = ok(this.client.call("search_code", Map.of("repository", "pylib", "limit", 3)));
		JsonNode second = ok(this.client.call("search_code", Map.of("repository", "pylib", "limit", 3, "offset", 3)));
		assertThat(first.get("total").asLong()).isEqualTo(expected.size());
		assertThat(first.get("next_offset").asLong()).isEqualTo(3);
		List<String> paged = new ArrayList<>(ids(first.get("results")));
		paged.addAll(ids(second.get("results")));
		assertThat(paged).isEqualTo(expected.subList(0, 6));
		JsonNode last = ok(this.client.call("search_code", Map.of("repository", "pylib", "limit", 3,
				"offset", expected.size() - 1)));
		assertThat(last.get("next_offset").isNull()).isTrue();
		assertThat(last.get("results")).hasSize(1);
		// A long chunk's excerpt is its first 20 lines, marked truncated.
		JsonNode big = ok(this.client.call("search_code", Map.of("symbol", "TextWrapper", "repository", "pylib")));
		JsonNode wrapper = big.get("results").get(0);
		assertThat(wrapper.get("excerpt_truncated").asBoolean()).isTrue();
		assertThat(wrapper.get("excerpt").asString().lines().count()).isEqualTo(ToolCatalog.EXCERPT_LINES);
		assertThat(wrapper.get("end_line").asInt() - wrapper.get("start_line").asInt()).isGreaterThan(ToolCatalog.EXCERPT_LINES);
	}

	@Test
	@Order(3)
	void searchCodeRefusesBadArgumentsInOneSentence() throws Exception {
		assertThat(error("search_code", Map.of())).contains("at least one of text, symbol");
		assertThat(error("search_code", Map.of("text", "x", "limit", 51))).startsWith("limit:").contains("between 1 and 50");
		assertThat(error("search_code", Map.of("text", "x", "limit", "ten"))).contains("limit", "integer");
		assertThat(error("search_code", Map.of("language", "cobol"))).contains("unknown language 'cobol'", "python");
		assertThat(error("search_code", Map.of("repository", "nosuch"))).contains("no repository named 'nosuch'",
				"indexed: other, pylib");
		assertThat(error("search_code", Map.of("text", 5))).contains("text", "must be a string");
		assertThat(error("search_code", Map.of("symbol", "a*b"))).contains("symbol", "only at the end");
		assertThat(error("search_code", Map.of("node_type", "not a type"))).contains("node_type", "not a node type");
		assertThat(error("search_code", Map.of("path", "[unclosed"))).startsWith("path:");
		assertThat(error("search_code", Map.of("text", "x", "offset", -1))).contains("offset", "between 0 and");
		assertThat(error("search_code", Map.of("text", "x", "colour", "red"))).contains("colour",
				"is not an argument of this tool");
	}

	@Test
	@Order(4)
	void getChunkMatchesTheShowCommand() throws Exception {
		JsonNode method = ok(this.client.call("search_code", Map.of("symbol", "TextWrapper._wrap_chunks"))).get("results").get(0);
		String id = method.get("chunk_id").asString();
		JsonNode shown = json(cli("show", id, "--db", this.url, "--format", "json").out);
		JsonNode got = ok(this.client.call("get_chunk", Map.of("chunk_id", id.substring(0, 12))));
		assertThat(got.get("chunk").get("chunk_id").asString()).isEqualTo(id);
		assertThat(got.get("chunk").get("content").asString()).isEqualTo(shown.get("chunk").get("content").asString());
		assertThat(got.get("chunk").get("path").asString()).isEqualTo("textwrap.py");
		assertThat(got.get("chunk").get("start_line").asInt()).isEqualTo(shown.get("chunk").get("start_line").asInt());
		assertThat(ids(got.get("parents"))).isEqualTo(ids(shown.get("parents"))).isNotEmpty();
		assertThat(got.get("parents").get(0).get("qualified_name").asString()).isEqualTo("TextWrapper");
		assertThat(got.get("parents").get(0).has("content")).isFalse();
		JsonNode parent = ok(this.client.call("get_chunk", Map.of("chunk_id", got.get("parents").get(0).get("chunk_id").asString())));
		JsonNode shownParent = json(cli("show", got.get("parents").get(0).get("chunk_id").asString(), "--db", this.url,
				"--format", "json").out);
		assertThat(ids(parent.get("children"))).isEqualTo(ids(shownParent.get("children"))).contains(id);
		assertThat(parent.get("children_total").asLong()).isEqualTo(shownParent.get("children_total").asLong());
	}

	@Test
	@Order(5)
	void getChunkRefusesBadIdsInOneSentence() throws Exception {
		assertThat(error("get_chunk", Map.of())).contains("chunk_id", "is required");
		assertThat(error("get_chunk", Map.of("chunk_id", "xyz"))).contains("chunk_id", "not a chunk id");
		assertThat(error("get_chunk", Map.of("chunk_id", "0".repeat(40)))).contains("There is no chunk " + "0".repeat(40));
		// colorsys.py is in both repositories, its chunks under the same ids.
		String shared = ok(this.client.call("search_code", Map.of("symbol", "rgb_to_hls", "repository", "other")))
			.get("results").get(0).get("chunk_id").asString();
		assertThat(error("get_chunk", Map.of("chunk_id", shared))).contains("ambiguous", "other:", "pylib:");
		assertThat(ok(this.client.call("get_chunk", Map.of("chunk_id", shared, "repository", "other")))
			.get("chunk").get("repository").asString()).isEqualTo("other");
	}

	@Test
	@Order(6)
	void fileOutlineIsTheFilesChunkTree() throws Exception {
		JsonNode outline = ok(this.client.call("file_outline", Map.of("path", "textwrap.py", "repository", "pylib")));
		List<JsonNode> chunks = jsonl(cli("query", "--db", this.url, "--repo", "pylib", "--path", "textwrap.py",
				"--limit", "0", "--format", "jsonl").out);
		Map<String, String> parentOf = new HashMap<>();
		List<String> flattened = new ArrayList<>();
		flatten(outline.get("outline"), null, parentOf, flattened);
		assertThat(flattened).isEqualTo(ids(chunks));
		for (JsonNode chunk : chunks) {
			String parent = chunk.get("parent_chunk_id").isNull() ? null : chunk.get("parent_chunk_id").asString();
			assertThat(parentOf.get(chunk.get("chunk_id").asString())).as("parent of %s", chunk.get("qualified_name"))
				.isEqualTo(parent);
		}
		assertThat(outline.get("chunks_total").asLong()).isEqualTo(chunks.size());
		assertThat(outline.get("truncated").asBoolean()).isFalse();
		assertThat(outline.toString()).doesNotContain("\"content\"").contains("\"TextWrapper.wrap\"");
		JsonNode nested = ok(this.client.call("file_outline", Map.of("path", "json/decoder.py")));
		assertThat(nested.get("repository").asString()).isEqualTo("pylib");
		assertThat(error("file_outline", Map.of("path", "colorsys.py"))).contains("more than one repository", "other, pylib");
		assertThat(error("file_outline", Map.of("path", "decoder.py"))).contains("no indexed file 'decoder.py'",
				"relative to the repository root");
		assertThat(error("file_outline", Map.of())).contains("path", "is required");
	}

	@Test
	@Order(7)
	void listRepositoriesCountsWhatIsStored() throws Exception {
		JsonNode listed = ok(this.client.call("list_repositories", Map.of()));
		assertThat(listed.get("total").asLong()).isEqualTo(2);
		JsonNode other = listed.get("repositories").get(0);
		JsonNode pylib = listed.get("repositories").get(1);
		assertThat(other.get("name").asString()).isEqualTo("other");
		assertThat(pylib.get("name").asString()).isEqualTo("pylib");
		for (JsonNode repo : List.of(other, pylib)) {
			String name = repo.get("name").asString();
			assertThat(repo.get("chunks").asLong()).isEqualTo(jsonl(cli("query", "--db", this.url, "--repo", name,
					"--limit", "0", "--format", "jsonl").out).size());
			assertThat(repo.get("last_run_status").asString()).isEqualTo("COMPLETED");
			assertThat(repo.get("last_run_ended_at").asString()).isNotBlank();
			assertThat(repo.get("root_path").asString()).endsWith("/" + name);
		}
		assertThat(pylib.get("files").asLong()).isEqualTo(4);
		assertThat(pylib.get("last_run_id").asLong()).isGreaterThan(this.firstRun);
		assertThat(error("list_repositories", Map.of("all", true))).contains("all", "it takes none");
	}

	@Test
	@Order(8)
	void changesSinceIsTheChangeFeedOfTheQueryCommand() throws Exception {
		JsonNode feed = ok(this.client.call("changes_since", Map.of("repository", "pylib", "since", this.firstRun)));
		JsonNode cliFeed = json(cli("query", "--db", this.url, "--repo", "pylib", "--changed-since",
				Long.toString(this.firstRun), "--limit", "0", "--format", "json").out);
		Set<String> added = new HashSet<>();
		Set<String> deleted = new HashSet<>();
		for (JsonNode change : feed.get("changes")) {
			assertThat(change.has("content")).isFalse();
			(change.get("change").asString().equals("added") ? added : deleted).add(change.get("chunk_id").asString());
		}
		assertThat(added).isEqualTo(new HashSet<>(ids(cliFeed.get("chunks")))).isNotEmpty();
		assertThat(deleted).isEqualTo(new HashSet<>(ids(cliFeed.get("deleted")))).isNotEmpty();
		assertThat(feed.get("next_since").asLong()).isEqualTo(cliFeed.get("next_since").asLong());
		assertThat(feed.get("latest_run_id").asLong()).isEqualTo(cliFeed.get("latest_run_id").asLong());
		assertThat(feed.get("added_total").asLong()).isEqualTo(added.size());
		assertThat(feed.get("deleted_total").asLong()).isEqualTo(deleted.size());
		assertThat(feed.get("changes").get(0).get("change").asString()).isEqualTo("deleted");
		JsonNode page = ok(this.client.call("changes_since", Map.of("repository", "pylib", "since", this.firstRun, "limit", 1)));
		assertThat(page.get("changes")).hasSize(1);
		assertThat(page.get("next_offset").asLong()).isEqualTo(1);
		JsonNode everything = ok(this.client.call("changes_since", Map.of("repository", "other", "since", 0)));
		assertThat(everything.get("added_total").asLong()).isEqualTo(jsonl(cli("query", "--db", this.url, "--repo",
				"other", "--limit", "0", "--format", "jsonl").out).size());
		assertThat(error("changes_since", Map.of("repository", "pylib"))).contains("since is required");
		assertThat(error("changes_since", Map.of("repository", "pylib", "since", -1))).contains("since", "at least 0");
		assertThat(error("changes_since", Map.of("since", 0))).contains("repository", "is required");
		assertThat(error("changes_since", Map.of("repository", "pylib", "since", 0, "limit", 501))).contains("limit");
		// The packed view's feed: the ids of the query command's packed feed, added windows with an excerpt.
		JsonNode windows = ok(this.client.call("changes_since", Map.of("repository", "pylib", "since", this.firstRun,
				"view", "packed", "limit", 500)));
		List<JsonNode> cliWindows = jsonl(cli("query", "--db", this.url, "--repo", "pylib", "--changed-since",
				Long.toString(this.firstRun), "--view", "packed", "--limit", "0", "--format", "jsonl").out);
		Set<String> addedWindows = new HashSet<>();
		Set<String> deletedWindows = new HashSet<>();
		for (JsonNode change : windows.get("changes")) {
			boolean isAdded = change.get("change").asString().equals("added");
			(isAdded ? addedWindows : deletedWindows).add(change.get("window_id").asString());
			assertThat(change.has("excerpt")).isEqualTo(isAdded);
		}
		Set<String> cliAdded = new HashSet<>();
		Set<String> cliDeleted = new HashSet<>();
		for (JsonNode line : cliWindows) {
			(line.has("change") ? cliDeleted : cliAdded).add(line.get("window_id").asString());
		}
		assertThat(addedWindows).isEqualTo(cliAdded).isNotEmpty();
		assertThat(deletedWindows).isEqualTo(cliDeleted);
		assertThat(windows.get("added_total").asLong()).isEqualTo(cliAdded.size());
		assertThat(error("changes_since", Map.of("repository", "pylib", "since", 0, "view", "lines"))).contains("view");
	}

	@Test
	@Order(9)
	void anUnknownToolOrALineThatIsNoMessageIsRefusedAndTheServerGoesOn() throws Exception {
		this.client.sendLine("this is not JSON");
		this.client.sendLine("{\"jsonrpc\": \"2.0\", \"no\": \"method\"}");
		this.client.sendLine("");
		JsonNode response = this.client.request("tools/call", Map.of("name", "index_repository", "arguments", Map.of()));
		boolean refused = response.has("error") || response.get("result").get("isError").asBoolean();
		assertThat(refused).as("%s", response).isTrue();
		assertThat(ok(this.client.call("list_repositories", Map.of())).get("total").asLong()).isEqualTo(2);
	}

	@Test
	@Order(10)
	void stdoutHeldOnlyProtocolMessagesAndTheServerEndsWithItsInput() throws Exception {
		int code = this.client.closeInput(Duration.ofSeconds(60));
		assertThat(code).as(this.client.stderr()).isZero();
		List<String> lines = this.client.stdoutLines();
		assertThat(lines).hasSizeGreaterThan(40);
		for (String line : lines) {
			JsonNode message = StdioClient.JSON.readTree(line);
			assertThat(message.get("jsonrpc").asString()).as(line).isEqualTo("2.0");
		}
		String stderr = this.client.stderr();
		assertThat(stderr).doesNotContain("Exception", "\tat ");
		assertThat(stderr.strip().lines().toList()).as(stderr).hasSize(3).satisfies((err) -> {
			assertThat(err.get(0)).startsWith("chunker: MCP server over jdbc:");
			assertThat(err.get(1)).isEqualTo("chunker: left out a line of input that is not a JSON-RPC message: this is not JSON");
			assertThat(err.get(2)).startsWith("chunker: left out a line of input that is not a JSON-RPC message: {");
		});
	}

	// ---- helpers

	private void assertSameSearch(Map<String, Object> arguments, String... options) throws Exception {
		List<String> command = new ArrayList<>(List.of("query", "--db", this.url, "--limit", "50", "--format", "jsonl"));
		command.addAll(List.of(options));
		List<JsonNode> expected = jsonl(cli(command.toArray(String[]::new)).out);
		Map<String, Object> paged = new HashMap<>(arguments);
		paged.put("limit", 50);
		JsonNode found = ok(this.client.call("search_code", paged));
		assertThat(ids(found.get("results"))).as("%s", arguments).isEqualTo(ids(expected)).isNotEmpty();
		assertThat(found.get("total").asLong()).isEqualTo(expected.size());
		for (int i = 0; i < expected.size(); i++) {
			JsonNode result = found.get("results").get(i);
			JsonNode chunk = expected.get(i);
			assertThat(result.get("repository").asString()).isEqualTo(chunk.get("repo").asString());
			assertThat(result.get("path").asString()).isEqualTo(chunk.get("file_path").asString());
			assertThat(result.get("start_line").asInt()).isEqualTo(chunk.get("start_line").asInt());
			assertThat(result.get("end_line").asInt()).isEqualTo(chunk.get("end_line").asInt());
			assertThat(result.get("qualified_name")).isEqualTo(chunk.get("qualified_name"));
			assertThat(chunk.get("content").asString()).startsWith(result.get("excerpt").asString());
			assertThat(result.get("excerpt").asString().length()).isLessThanOrEqualTo(ToolCatalog.EXCERPT_CHARS);
		}
	}

	/** The answer of a successful call: its text, which is the structured content too. */
	private static JsonNode ok(JsonNode result) {
		assertThat(result.get("isError").asBoolean(false)).as("%s", result).isFalse();
		JsonNode body = StdioClient.JSON.readTree(result.get("content").get(0).get("text").asString());
		assertThat(result.get("structuredContent")).isEqualTo(body);
		return body;
	}

	/** The one sentence of an error result. */
	private String error(String tool, Map<String, ?> arguments) throws Exception {
		JsonNode result = this.client.call(tool, arguments);
		assertThat(result.get("isError").asBoolean()).as("%s %s: %s", tool, arguments, result).isTrue();
		assertThat(result.get("content")).hasSize(1);
		String text = result.get("content").get(0).get("text").asString();
		assertThat(text).doesNotContain("\n", "Exception", "\tat ").endsWith(".");
		return text;
	}

	private static void flatten(JsonNode entries, String parent, Map<String, String> parentOf, List<String> out) {
		for (JsonNode entry : entries) {
			String id = entry.get("chunk_id").asString();
			parentOf.put(id, parent);
			out.add(id);
			flatten(entry.get("children"), id, parentOf, out);
		}
	}

	private static List<String> ids(Iterable<JsonNode> nodes) {
		List<String> ids = new ArrayList<>();
		nodes.forEach((node) -> ids.add(node.get("chunk_id").asString()));
		return ids;
	}

	private static List<String> names(JsonNode object) {
		return new ArrayList<>(object.propertyNames());
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((node) -> values.add(node.asString()));
		return values;
	}

	private static List<JsonNode> jsonl(String out) {
		return out.lines().filter((line) -> !line.isBlank()).map(StdioClient.JSON::readTree).toList();
	}

	private static JsonNode json(String out) {
		return StdioClient.JSON.readTree(out);
	}

	record Result(int code, String out, String err) {
	}

	private static Result cli(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int code = ChunkerCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
		assertThat(code).as("chunker %s: %s", String.join(" ", args), err).isZero();
		return new Result(code, out.toString(), err.toString());
	}

}
