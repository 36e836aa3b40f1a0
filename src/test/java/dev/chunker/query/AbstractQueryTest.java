package dev.chunker.query;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import dev.chunker.cli.ChunkerCommand;
import dev.chunker.chunk.CodeChunk;
import dev.chunker.cli.ChunkJson;
import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query side end to end on a real database: two small real trees (Python files of the system library) are
 * indexed with {@code chunker index}, then every query option, {@code show}, {@code export} and the REST API of
 * {@code chunker serve} (started in-process on a free port, called over HTTP) are checked against the chunk
 * rows. The last test changes files, re-indexes and checks the change feed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AbstractQueryTest {

	static final Path PYTHON = Path.of("/usr/lib/python3.11");

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** The fields of a stored chunk in JSON: those of {@code chunker chunk}, the repository and the run. */
	static final List<String> CHUNK_FIELDS = List.of("repo", "file_path", "language", "node_type", "name",
			"qualified_name", "parent_chunk_id", "start_line", "end_line", "byte_start", "byte_end", "content", "chunk_id",
			"file_id", "definition_id", "content_hash", "has_error", "part_index", "part_count", "metadata", "run_id");

	Path work;

	TestDatabase database;

	String url;

	Path pylib;

	Path other;

	int port;

	Thread server;

	ChunkerRuntime chunkerRuntime;

	final Map<String, Map<String, Object>> metadataCache = new HashMap<>();

	StringWriter serverOut = new StringWriter();

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	abstract TestDatabase open(Path dir) throws Exception;

	/** Whether the database's text search finds {@code term} in a chunk (each database has its own rules). */
	abstract boolean textMatches(Map<String, Object> chunk, String term);

	@BeforeAll
	void indexTwoTrees() throws Exception {
		this.work = Files.createTempDirectory("chunker-query-");
		this.database = open(this.work);
		this.url = this.database.url();
		this.pylib = this.work.resolve("pylib");
		for (String name : List.of("__init__.py", "decoder.py", "encoder.py", "scanner.py", "tool.py")) {
			copy(PYTHON.resolve("json").resolve(name), this.pylib.resolve("json").resolve(name));
		}
		copy(PYTHON.resolve("textwrap.py"), this.pylib.resolve("textwrap.py"));
		copy(PYTHON.resolve("colorsys.py"), this.pylib.resolve("colorsys.py"));
		this.other = this.work.resolve("other");
		// The same file at the same path: the same chunk ids in both repositories.
		copy(PYTHON.resolve("colorsys.py"), this.other.resolve("colorsys.py"));
		copy(PYTHON.resolve("bisect.py"), this.other.resolve("bisect.py"));
		assertThat(cli("index", this.pylib.toString(), "--db", this.url, "--repo", "pylib", "--threads", "2").code).isZero();
		assertThat(cli("index", this.other.toString(), "--db", this.url, "--repo", "other", "--threads", "2").code).isZero();
		startServer();
	}

	@AfterAll
	void stopServerAndDropDatabase() throws Exception {
		if (this.server != null) {
			this.server.interrupt();
			this.server.join(30_000);
			assertThat(this.server.isAlive()).as("serve stops when interrupted").isFalse();
		}
		if (this.database != null) {
			this.database.close();
		}
		if (this.chunkerRuntime != null) {
			this.chunkerRuntime.close();
		}
		if (this.work != null) {
			try (var paths = Files.walk(this.work)) {
				paths.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
			}
		}
	}

	private void startServer() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			this.port = socket.getLocalPort();
		}
		PrintWriter out = new PrintWriter(this.serverOut, true);
		this.server = Thread.ofPlatform().name("serve").start(() -> ChunkerCommand.run(out, out, "serve", "--db", this.url,
				"--port", Integer.toString(this.port)));
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (true) {
			try {
				if (get("/api/repos").status == 200) {
					break;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			assertThat(this.server.isAlive()).as("serve is running: " + this.serverOut).isTrue();
			assertThat(System.nanoTime()).as("serve starts within 2 minutes").isLessThan(deadline);
			Thread.sleep(200);
		}
		assertThat(this.serverOut.toString()).contains("serving").contains(":" + this.port + "/api");
	}

	// ---- chunker query

	@Test
	void queryWithoutConditionsListsEveryChunkInOrder() throws Exception {
		List<Map<String, Object>> all = rows(null);
		List<JsonNode> lines = jsonl(cli("query", "--db", this.url, "--limit", "0", "--format", "jsonl"));
		assertThat(ids(lines)).containsExactlyElementsOf(all.stream().map((r) -> r.get("repo") + ":" + r.get("chunk_id")).toList());
		for (JsonNode line : lines) {
			assertThat(fieldNames(line)).containsExactlyElementsOf(CHUNK_FIELDS);
		}
		// The default limit and the table.
		Result table = cli("query", "--db", this.url);
		assertThat(table.code).isZero();
		assertThat(table.out.lines().findFirst().orElseThrow()).startsWith("REPO").contains("PATH:LINES", "TYPE", "NAME", "CHUNK");
		assertThat(table.out.lines().count()).isEqualTo(Math.min(all.size(), 100) + 2);
		// JSON: one array.
		Result json = cli("query", "--db", this.url, "--limit", "3", "--format", "json");
		JsonNode array = JSON.readTree(json.out);
		assertThat(array.isArray()).isTrue();
		assertThat(array.size()).isEqualTo(3);
		assertThat(array.get(0).get("chunk_id").asString()).isEqualTo(all.get(0).get("chunk_id"));
	}

	@Test
	void queryByDocAndReturnType() throws Exception {
		List<Map<String, Object>> all = rows(null);
		expectQuery(all, (r) -> r.get("metadata") instanceof JsonNode m && !m.get("doc").isNull(), "--has-doc");
		expectQuery(all, (r) -> r.get("metadata") instanceof JsonNode m && m.get("doc").isNull(), "--no-has-doc");
		expectApi(all, (r) -> r.get("metadata") instanceof JsonNode m && !m.get("doc").isNull() && r.get("repo").equals("other"),
				"/api/chunks?hasDoc=true&repo=other");
		assertThat(all.stream().filter((r) -> r.get("metadata") instanceof JsonNode m && !m.get("doc").isNull()))
			.as("documented definitions in the corpus").isNotEmpty();
		expectBadParameter("hasDoc", "/api/chunks?hasDoc=maybe");
		expectBadParameter("returns", "/api/chunks?returns=%20");
		assertThat(cli("query", "--db", this.url, "--returns", " ").code).isEqualTo(2);
	}

	@Test
	void queryByRepositoryPathLanguageAndType() throws Exception {
		List<Map<String, Object>> all = rows(null);
		expectQuery(all, (r) -> r.get("repo").equals("other"), "--repo", "other");
		expectQuery(all, (r) -> r.get("repo").equals("pylib") && ((String) r.get("file_path")).startsWith("json/"), "--repo", "pylib",
				"--path", "json/*.py");
		expectQuery(all, (r) -> r.get("file_path").equals("json/decoder.py"), "--path", "dec*.py");
		expectQuery(all, (r) -> r.get("file_path").equals("textwrap.py") || r.get("file_path").equals("colorsys.py"), "--path",
				"{textwrap,colorsys}.py");
		expectQuery(all, (r) -> true, "--language", "python", "--path", "**/*.py");
		expectQuery(all, (r) -> r.get("node_type").equals("class_definition"), "--type", "class_definition");
		expectQuery(all, (r) -> r.get("node_type").equals("function_definition") && r.get("repo").equals("other"), "--type",
				"function_definition", "--repo", "other");
		assertThat(jsonl(cli("query", "--db", this.url, "--path", "nothing/**", "--format", "jsonl"))).isEmpty();
	}

	@Test
	void queryBySymbolExactOrPrefix() throws Exception {
		List<Map<String, Object>> all = rows(null);
		List<JsonNode> decoder = expectQuery(all, (r) -> "JSONDecoder".equals(r.get("name")) || "JSONDecoder".equals(r.get("qualified_name")),
				"--symbol", "JSONDecoder");
		assertThat(decoder).hasSize(1);
		assertThat(decoder.get(0).get("node_type").asString()).isEqualTo("class_definition");
		List<JsonNode> methods = expectQuery(all, (r) -> startsWith(r.get("name"), "JSONDecoder.") || startsWith(r.get("qualified_name"), "JSONDecoder."),
				"--symbol", "JSONDecoder.*");
		assertThat(methods.stream().map((n) -> n.get("name").asString())).contains("__init__", "decode", "raw_decode");
		expectQuery(all, (r) -> startsWith(r.get("name"), "dump") || startsWith(r.get("qualified_name"), "dump"), "--symbol", "dump*");
		// LIKE wildcards in a symbol are literals.
		expectQuery(all, (r) -> startsWith(r.get("name"), "_d") || startsWith(r.get("qualified_name"), "_d"), "--symbol", "_d*");
		assertThat(jsonl(cli("query", "--db", this.url, "--symbol", "%", "--format", "jsonl"))).isEmpty();
	}

	@Test
	void queryByTextIsRankedAndFindsEveryMatch() throws Exception {
		List<Map<String, Object>> all = rows(null);
		List<JsonNode> hits = jsonl(cli("query", "--db", this.url, "--text", "raw_decode", "--limit", "0", "--format", "jsonl"));
		assertThat(hits).isNotEmpty();
		assertThat(hits.get(0).get("qualified_name").asString()).isEqualTo("JSONDecoder.raw_decode");
		assertThat(ids(hits)).containsExactlyInAnyOrderElementsOf(all.stream()
			.filter((r) -> textMatches(r, "raw_decode"))
			.map((r) -> r.get("repo") + ":" + r.get("chunk_id"))
			.toList());
		List<Double> scores = hits.stream().map((n) -> n.get("score").asDouble()).toList();
		assertThat(scores).isSortedAccordingTo(Comparator.reverseOrder());
		assertThat(fieldNames(hits.get(0))).containsExactlyElementsOf(concat(CHUNK_FIELDS, "score"));
		// Several words: all of them, any order; a prefix; case does not matter.
		List<JsonNode> both = jsonl(cli("query", "--db", this.url, "--text", "WRAP width", "--limit", "0", "--format", "jsonl"));
		assertThat(both).isNotEmpty();
		assertThat(ids(both)).containsExactlyInAnyOrderElementsOf(all.stream()
			.filter((r) -> textMatches(r, "wrap") && textMatches(r, "width"))
			.map((r) -> r.get("repo") + ":" + r.get("chunk_id"))
			.toList());
		List<JsonNode> prefix = jsonl(cli("query", "--db", this.url, "--text", "insort*", "--repo", "other", "--format", "jsonl"));
		assertThat(prefix.stream().map((n) -> n.get("name").asString())).contains("insort_left", "insort_right");
		// Combined with other conditions; the table shows the score.
		Result table = cli("query", "--db", this.url, "--text", "hls", "--type", "function_definition", "--repo", "pylib");
		assertThat(table.out.lines().findFirst().orElseThrow()).contains("SCORE");
		assertThat(table.out).contains("hls_to_rgb").doesNotContain("other ");
	}

	@Test
	void queryChangedSinceListsChunksOfLaterRunsAndDeletions() throws Exception {
		List<Map<String, Object>> all = rows(null);
		long otherRun = ((Number) all.stream().filter((r) -> r.get("repo").equals("other")).findFirst().orElseThrow().get("run_id")).longValue();
		Result feed = cli("query", "--db", this.url, "--changed-since", "0", "--limit", "0", "--format", "jsonl");
		assertThat(ids(jsonl(feed))).hasSize(all.size());
		assertThat(feed.err).contains(all.size() + " added", "0 deleted since run 0", "--changed-since " + otherRun);
		// Only the second repository's run is after the first's.
		expectQuery(all, (r) -> r.get("repo").equals("other"), "--changed-since", Long.toString(otherRun - 1));
		Result json = cli("query", "--db", this.url, "--changed-since", Long.toString(otherRun), "--format", "json");
		JsonNode object = JSON.readTree(json.out);
		assertThat(object.get("since").asLong()).isEqualTo(otherRun);
		assertThat(object.get("next_since").asLong()).isEqualTo(otherRun);
		assertThat(object.get("chunks").size()).isZero();
		assertThat(object.get("deleted").size()).isZero();
	}

	@Test
	void badQueryOptionsAreUsageErrorsNamingTheOption() {
		expectUsage("--limit", "query", "--db", this.url, "--limit", "-1");
		expectUsage("--format", "query", "--db", this.url, "--format", "xml");
		expectUsage("--path", "query", "--db", this.url, "--path", "src/[a");
		expectUsage("--symbol", "query", "--db", this.url, "--symbol", "a*b");
		expectUsage("--text", "query", "--db", this.url, "--text", ":: ;;");
		expectUsage("--type", "query", "--db", this.url, "--type", "function-definition");
		expectUsage("--language", "query", "--db", this.url, "--language", "cobol");
		expectUsage("--changed-since", "query", "--db", this.url, "--changed-since", "-4");
		Result unknownRepo = expectUsage("--repo", "query", "--db", this.url, "--repo", "nosuch");
		assertThat(unknownRepo.err).contains("other, pylib");
		expectUsage("--port", "serve", "--db", this.url, "--port", "70000");
		expectUsage("--output", "export", "--db", this.url, "--output", this.work.toString());
	}

	// ---- chunker show

	@Test
	void showPrintsTheChunkWithItsFileParentsAndChildren() throws Exception {
		Map<String, Object> decode = one("pylib", "JSONDecoder.decode");
		Map<String, Object> decoder = one("pylib", "JSONDecoder");
		Result text = cli("show", (String) decode.get("chunk_id"), "--db", this.url);
		assertThat(text.code).isZero();
		assertThat(text.out).contains("chunk      " + decode.get("chunk_id"), "repo       pylib", "file       json/decoder.py",
				"qualified  JSONDecoder.decode", "parents    1", decoder.get("chunk_id") + "  class_definition", "children   none",
				"--- content", "def decode(self, s");
		// By a prefix, as JSON: the class with its methods as children.
		Result json = cli("show", ((String) decoder.get("chunk_id")).substring(0, 10), "--db", this.url, "--format", "json");
		JsonNode body = JSON.readTree(json.out);
		assertThat(body.get("chunk").get("chunk_id").asString()).isEqualTo(decoder.get("chunk_id"));
		assertThat(fieldNames(body.get("chunk"))).containsExactlyElementsOf(CHUNK_FIELDS);
		assertThat(body.get("file").get("path").asString()).isEqualTo("json/decoder.py");
		assertThat(body.get("parents").size()).isZero();
		List<String> children = new ArrayList<>();
		body.get("children").forEach((c) -> children.add(c.get("chunk_id").asString()));
		assertThat(children).containsExactlyElementsOf(childIds("pylib", (String) decoder.get("chunk_id")));
		assertThat(body.get("children_total").asLong()).isEqualTo(children.size());
	}

	@Test
	void showRefusesAmbiguousAndUnknownIds() throws Exception {
		Map<String, Object> shared = one("other", "rgb_to_hls");
		String id = (String) shared.get("chunk_id");
		assertThat(one("pylib", "rgb_to_hls").get("chunk_id")).isEqualTo(id);
		Result ambiguous = expectUsage("ambiguous", "show", id, "--db", this.url);
		assertThat(ambiguous.err).contains("other:" + id, "pylib:" + id, "--repo");
		Result chosen = cli("show", id, "--db", this.url, "--repo", "other");
		assertThat(chosen.code).isZero();
		assertThat(chosen.out).contains("repo       other");
		Result unknown = cli("show", "0000000000000000000000000000000000000000", "--db", this.url);
		assertThat(unknown.code).isEqualTo(ChunkerCommand.FAILED);
		assertThat(unknown.err).contains("no chunk");
		expectUsage("CHUNK_ID", "show", "xyz", "--db", this.url);
		expectUsage("CHUNK_ID", "show", "abc", "--db", this.url);
	}

	// ---- chunker export

	@Test
	void exportWritesEveryChunkAsTheTableHasIt() throws Exception {
		Path file = this.work.resolve("export.jsonl");
		Result result = cli("export", "--db", this.url, "--format", "jsonl", "--output", file.toString());
		assertThat(result.code).isZero();
		assertThat(result.out).contains("exported");
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		List<Map<String, Object>> all = rows(null);
		assertThat(lines).hasSize(all.size());
		// Field names: those of `chunker chunk`, plus the repository and the run.
		JsonNode chunkLine = JSON.readTree(cli("chunk", this.pylib.resolve("colorsys.py").toString()).out.lines().findFirst().orElseThrow());
		List<String> expectedFields = new ArrayList<>(fieldNames(chunkLine));
		expectedFields.add(0, "repo");
		expectedFields.add("run_id");
		assertThat(expectedFields).containsExactlyElementsOf(CHUNK_FIELDS);
		for (int i = 0; i < lines.size(); i++) {
			JsonNode line = JSON.readTree(lines.get(i));
			assertThat(fieldNames(line)).containsExactlyElementsOf(CHUNK_FIELDS);
			assertThat(plain(line)).as("line %d", i + 1).isEqualTo(all.get(i));
		}
		// Standard output gets the same; one repository on its own.
		assertThat(cli("export", "--db", this.url).out).isEqualTo(String.join("\n", lines) + "\n");
		List<JsonNode> otherOnly = jsonl(cli("export", "--db", this.url, "--repo", "other"));
		assertThat(otherOnly).hasSize(rows("other").size());
		expectUsage("--format", "export", "--db", this.url, "--format", "json");
	}

	// ---- the REST API

	@Test
	void apiListsRepositoriesRunsAndFiles() throws Exception {
		Response repos = get("/api/repos");
		assertThat(repos.status).isEqualTo(200);
		assertThat(repos.contentType).startsWith("application/json");
		assertThat(names(repos.body.get("items"), "name")).containsExactly("other", "pylib");
		JsonNode pylibRepo = repos.body.get("items").get(1);
		assertThat(pylibRepo.get("chunks").asLong()).isEqualTo(rows("pylib").size());
		assertThat(pylibRepo.get("files").asLong()).isEqualTo(7);
		assertThat(pylibRepo.get("last_run_status").asString()).isEqualTo("COMPLETED");
		assertThat(repos.body.get("links").get("self").asString()).isEqualTo("/api/repos?page=0&size=50");

		Response runs = get("/api/runs?repo=pylib");
		assertThat(runs.body.get("items").size()).isEqualTo(1);
		long runId = runs.body.get("items").get(0).get("run_id").asLong();
		Response run = get("/api/runs/" + runId);
		assertThat(run.status).isEqualTo(200);
		assertThat(run.body.get("run").get("repo").asString()).isEqualTo("pylib");
		assertThat(run.body.get("run").get("files_new").asLong()).isEqualTo(7);
		assertThat(run.body.get("failures_total").asLong()).isZero();
		assertThat(names(get("/api/runs").body.get("items"), "repo")).containsExactly("other", "pylib");

		Response files = get("/api/files?repo=pylib&path=json/*.py");
		assertThat(names(files.body.get("items"), "path")).containsExactly("json/__init__.py", "json/decoder.py",
				"json/encoder.py", "json/scanner.py", "json/tool.py");
		assertThat(files.body.get("items").get(1).get("chunk_count").asLong()).isEqualTo(
				rows("pylib").stream().filter((r) -> r.get("file_path").equals("json/decoder.py")).count());
		assertThat(names(get("/api/files?path=colorsys.py").body.get("items"), "repo")).containsExactly("other", "pylib");
	}

	@Test
	void apiPagesThroughChunksWithLinks() throws Exception {
		List<Map<String, Object>> pylibRows = rows("pylib");
		String first = "/api/chunks?repo=pylib&size=7";
		Response page = get(first);
		assertThat(page.body.get("page").get("total_items").asLong()).isEqualTo(pylibRows.size());
		assertThat(page.body.get("page").get("total_pages").asLong()).isEqualTo((pylibRows.size() + 6) / 7);
		assertThat(page.body.get("links").get("prev").isNull()).isTrue();
		assertThat(page.body.get("links").get("self").asString()).isEqualTo("/api/chunks?repo=pylib&page=0&size=7");
		List<String> seen = new ArrayList<>();
		String previousSelf = null;
		int pages = 0;
		while (true) {
			pages++;
			page.body.get("items").forEach((item) -> {
				assertThat(fieldNames(item)).containsExactlyElementsOf(CHUNK_FIELDS);
				seen.add(item.get("chunk_id").asString());
			});
			if (previousSelf != null) {
				assertThat(page.body.get("links").get("prev").asString()).isEqualTo(previousSelf);
			}
			JsonNode next = page.body.get("links").get("next");
			if (next.isNull()) {
				break;
			}
			previousSelf = page.body.get("links").get("self").asString();
			page = get(next.asString());
			assertThat(page.status).isEqualTo(200);
		}
		assertThat(pages).isEqualTo((pylibRows.size() + 6) / 7);
		assertThat(seen).containsExactlyElementsOf(pylibRows.stream().map((r) -> (String) r.get("chunk_id")).toList());
		// Values in links are encoded and kept.
		Response filtered = get("/api/chunks?path=" + encode("{textwrap,colorsys}.py") + "&q=" + encode("rgb hls") + "&size=1");
		String next = filtered.body.get("links").get("next").asString();
		assertThat(next).isEqualTo("/api/chunks?path=%7Btextwrap%2Ccolorsys%7D.py&q=rgb%20hls&page=1&size=1");
		assertThat(get(next).body.get("items").get(0).has("score")).isTrue();
		// A page past the end is empty, and links back.
		Response past = get("/api/chunks?repo=pylib&size=7&page=1000");
		assertThat(past.body.get("items").size()).isZero();
		assertThat(past.body.get("links").get("next").isNull()).isTrue();
	}

	@Test
	void apiFiltersChunksLikeTheCommand() throws Exception {
		List<Map<String, Object>> all = rows(null);
		expectApi(all, (r) -> r.get("node_type").equals("class_definition") && r.get("repo").equals("pylib"),
				"/api/chunks?type=class_definition&repo=pylib");
		expectApi(all, (r) -> r.get("file_path").equals("json/decoder.py"), "/api/chunks?path=dec*.py&language=python");
		expectApi(all, (r) -> startsWith(r.get("qualified_name"), "JSONDecoder."), "/api/chunks?symbol=" + encode("JSONDecoder.*"));
		expectApi(all, (r) -> textMatches(r, "raw_decode"), "/api/chunks?q=raw_decode");
		assertThat(get("/api/chunks?q=raw_decode").body.get("items").get(0).get("name").asString()).isEqualTo("raw_decode");
		long otherRun = ((Number) rows("other").get(0).get("run_id")).longValue();
		expectApi(all, (r) -> r.get("repo").equals("other"), "/api/chunks?changedSince=" + (otherRun - 1));
	}

	@Test
	void apiShowsAChunkAndItsChildren() throws Exception {
		Map<String, Object> decoder = one("pylib", "JSONDecoder");
		Map<String, Object> decode = one("pylib", "JSONDecoder.decode");
		Response chunk = get("/api/chunks/" + decode.get("chunk_id"));
		assertThat(chunk.status).isEqualTo(200);
		assertThat(plain(chunk.body.get("chunk"))).isEqualTo(decode);
		assertThat(chunk.body.get("file").get("path").asString()).isEqualTo("json/decoder.py");
		assertThat(chunk.body.get("parents").get(0).get("chunk_id").asString()).isEqualTo(decoder.get("chunk_id"));
		assertThat(chunk.body.get("children_total").asLong()).isZero();
		assertThat(chunk.body.get("links").get("parent").asString()).isEqualTo("/api/chunks/" + decoder.get("chunk_id") + "?repo=pylib");
		Response children = get(chunk.body.get("links").get("parent").asString().replace("?", "/children?") + "&size=2");
		assertThat(children.status).isEqualTo(200);
		List<String> expected = childIds("pylib", (String) decoder.get("chunk_id"));
		assertThat(children.body.get("page").get("total_items").asLong()).isEqualTo(expected.size());
		List<String> all = new ArrayList<>(names(children.body.get("items"), "chunk_id"));
		while (!children.body.get("links").get("next").isNull()) {
			children = get(children.body.get("links").get("next").asString());
			all.addAll(names(children.body.get("items"), "chunk_id"));
		}
		assertThat(all).containsExactlyElementsOf(expected);
		// The same file in two repositories has the same ids: the repository must be named.
		String shared = (String) one("other", "rgb_to_hls").get("chunk_id");
		expectBadParameter("repo", "/api/chunks/" + shared);
		assertThat(get("/api/chunks/" + shared + "?repo=other").body.get("chunk").get("repo").asString()).isEqualTo("other");
		assertThat(get("/api/chunks/" + shared.toUpperCase(Locale.ROOT) + "?repo=pylib").status).isEqualTo(200);
	}

	/**
	 * Requests an attacker would send: each is a 400 in the API's JSON (naming the parameter where one is to blame),
	 * never a 500, an HTML page or a stack trace, and each is answered (the socket gives up after 10 s).
	 */
	@Test
	void apiAnswersHostileRequestsWithJson400() throws Exception {
		String deepGlob = "%7Ba%2C".repeat(10_000) + "x" + "%7D".repeat(10_000);
		Map<String, String> hostile = new LinkedHashMap<>();
		hostile.put("/api/chunks?q=%C3%28", null);
		hostile.put("/api/chunks?q=%FF", null);
		hostile.put("/api/chunks?symbol=%ED%A0%80", null);
		hostile.put("/api/chunks?q=%", null);
		hostile.put("/api/chunks?q=%zz", null);
		hostile.put("/api/chunks?%FF=1", null);
		hostile.put("/api/chunks/%FF", null);
		hostile.put("/api/chunks%C3%28", null);
		hostile.put("/api/chunks/..%2F..%2Fetc%2Fpasswd", null);
		hostile.put("/api/chunks?q=" + "a".repeat(1_000_000), null);
		hostile.put("/api/files?path=" + deepGlob, null);
		hostile.put("/api/chunks?" + String.join("&", java.util.stream.IntStream.range(0, 60).mapToObj((i) -> "p" + i + "=1").toList()), null);
		hostile.put("/api/files?path=" + encode("{a,{b,{c,d}}}"), "path");
		hostile.put("/api/files?path=" + encode("**e**e**e**e**e**x"), "path");
		hostile.put("/api/files?path=" + "a".repeat(1001), "path");
		hostile.put("/api/chunks?symbol=" + "a".repeat(1001), "symbol");
		hostile.put("/api/chunks?repo=" + "a".repeat(256), "repo");
		hostile.put("/api/chunks?q=" + "a".repeat(501), "q");
		hostile.put("/api/chunks?type=" + "a".repeat(101), "type");
		hostile.put("/api/chunks?language=" + "a".repeat(5000), "language");
		hostile.put("/api/chunks?symbol=a%00b", "symbol");
		hostile.put("/api/chunks?q=a%00b", "q");
		hostile.put("/api/files?path=a%00b", "path");
		hostile.put("/api/chunks?type=" + encode("a'; DROP TABLE chunks; --"), "type");
		hostile.put("/api/chunks?q=" + encode("'; DROP TABLE chunks; --"), "q");
		hostile.put("/api/chunks?page=-1", "page");
		hostile.put("/api/chunks?page=-99999999999999999999", "page");
		hostile.put("/api/chunks?page=99999999999999999999999", "page");
		hostile.put("/api/chunks?page=100000001", "page");
		hostile.put("/api/chunks?page=1e9", "page");
		hostile.put("/api/chunks?size=-1", "size");
		hostile.put("/api/chunks?size=2147483648", "size");
		hostile.put("/api/changes?since=-9223372036854775808", "since");
		hostile.put("/api/runs/99999999999999999999", "id");
		hostile.put("/api/chunks?bogus=1", "bogus");
		for (Map.Entry<String, String> request : hostile.entrySet()) {
			String target = request.getKey();
			String shown = (target.length() > 80) ? target.substring(0, 80) + "... (" + target.length() + " characters)" : target;
			RawHttp.Reply reply = RawHttp.get("127.0.0.1", this.port, target);
			expectJson400(shown, reply, request.getValue());
		}
		RawHttp.Reply header = RawHttp.get("127.0.0.1", this.port, "/api/repos", "X-Padding: " + "a".repeat(20_000));
		expectJson400("a 20 KB header", header, null);
		// SQL metacharacters where any text is allowed are data: no match, and the tables are as they were.
		int before = rows(null).size();
		for (String value : List.of("' OR '1'='1", "\\'; DROP TABLE chunks; --", "%_%", "\"\\*")) {
			RawHttp.Reply reply = RawHttp.get("127.0.0.1", this.port, "/api/chunks?symbol=" + encode(value));
			assertThat(reply.status()).as(value + ": " + reply.body()).isEqualTo(200);
			assertThat(reply.json().get("items").size()).as(value).isZero();
		}
		assertThat(rows(null)).hasSize(before);
	}

	static void expectJson400(String request, RawHttp.Reply reply, String parameter) {
		assertThat(reply.status()).as(request + ": " + reply.body()).isEqualTo(400);
		assertThat(reply.header("Content-Type")).as(request).startsWith("application/json");
		JsonNode body = reply.json();
		assertThat(body.get("status").asInt()).as(request).isEqualTo(400);
		assertThat(body.get("error").asString()).isEqualTo("Bad Request");
		assertThat(body.get("message").asString()).as(request).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
		if (parameter != null) {
			assertThat(body.get("parameter").asString()).as(request + ": " + reply.body()).isEqualTo(parameter);
		}
	}

	@Test
	void apiRejectsEveryBadParameterWithItsName() throws Exception {
		expectBadParameter("size", "/api/chunks?size=0");
		expectBadParameter("size", "/api/chunks?size=501");
		expectBadParameter("size", "/api/repos?size=x");
		expectBadParameter("page", "/api/chunks?page=-1");
		expectBadParameter("page", "/api/runs?page=1.5");
		expectBadParameter("changedSince", "/api/chunks?changedSince=-1");
		expectBadParameter("changedSince", "/api/chunks?changedSince=99999999999999999999");
		expectBadParameter("language", "/api/chunks?language=cobol");
		expectBadParameter("type", "/api/chunks?type=" + encode("a b"));
		expectBadParameter("symbol", "/api/chunks?symbol=" + encode("a*b"));
		expectBadParameter("q", "/api/chunks?q=" + encode("&&"));
		expectBadParameter("q", "/api/chunks?q=");
		expectBadParameter("path", "/api/chunks?path=" + encode("src/[a"));
		expectBadParameter("path", "/api/files?path=" + encode("{a"));
		expectBadParameter("repo", "/api/chunks?repo=");
		expectBadParameter("since", "/api/changes");
		expectBadParameter("since", "/api/changes?since=yesterday");
		expectBadParameter("view", "/api/changes?since=0&view=windows");
		expectBadParameter("id", "/api/runs/abc");
		expectBadParameter("id", "/api/runs/0");
		expectBadParameter("id", "/api/chunks/xyz");
		expectBadParameter("id", "/api/chunks/" + "g".repeat(40) + "/children");
		expectBadParameter("langauge", "/api/chunks?langauge=python");
		expectBadParameter("repo", "/api/repos?repo=pylib");
		expectBadParameter("repo", "/api/chunks?repo=pylib&repo=other");
	}

	@Test
	void apiAnswersUnknownThingsWith404() throws Exception {
		expectNotFound("/api/chunks?repo=nosuch");
		expectNotFound("/api/runs?repo=nosuch");
		expectNotFound("/api/changes?repo=nosuch&since=0");
		expectNotFound("/api/runs/999999");
		expectNotFound("/api/chunks/" + "0".repeat(40));
		expectNotFound("/api/chunks/" + "0".repeat(40) + "/children");
		expectNotFound("/api/nothing");
		expectNotFound("/pom.xml");
		expectNotFound("/api/../pom.xml");
		HttpResponse<String> post = this.http.send(HttpRequest.newBuilder(URI.create(base() + "/api/repos"))
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(post.statusCode()).isEqualTo(405);
		assertThat(JSON.readTree(post.body()).get("status").asInt()).isEqualTo(405);
	}

	@Test
	void apiDescribesItselfWithOpenApi() throws Exception {
		Response doc = get("/api/openapi.json");
		assertThat(doc.status).isEqualTo(200);
		assertThat(doc.body.get("openapi").asString()).startsWith("3.");
		assertThat(fieldNames(doc.body.get("paths"))).containsExactlyInAnyOrder("/api/repos", "/api/runs", "/api/runs/{id}",
				"/api/files", "/api/chunks", "/api/chunks/{id}", "/api/chunks/{id}/children", "/api/changes");
		JsonNode chunkParameters = doc.body.get("paths").get("/api/chunks").get("get").get("parameters");
		assertThat(names(chunkParameters, "name")).containsExactly("repo", "path", "language", "type", "symbol", "q",
				"changedSince", "hasDoc", "returns", "page", "size");
		JsonNode schemas = doc.body.get("components").get("schemas");
		// The schemas name the fields the API writes.
		assertThat(fieldNames(schemas.get("ChunkRecord").get("properties"))).containsExactlyElementsOf(concat(CHUNK_FIELDS, "score"));
		JsonNode changes = get("/api/changes?since=0&size=1").body;
		assertThat(fieldNames(schemas.get("ChangesPage").get("properties"))).containsExactlyElementsOf(fieldNames(changes));
		assertThat(fieldNames(schemas.get("Change").get("properties"))).containsExactlyElementsOf(fieldNames(changes.get("items").get(0)));
		assertThat(fieldNames(schemas.get("ApiError").get("properties"))).containsExactly("status", "error", "parameter", "message");
		// Every field is written (a null as null), the rank only in text searches.
		assertThat(names(schemas.get("ChunkRecord").get("required"), null)).containsExactlyInAnyOrderElementsOf(CHUNK_FIELDS);
		assertThat(names(schemas.get("ChunkRecord").get("properties").get("name").get("type"), null)).containsExactlyInAnyOrder("string", "null");
		assertThat(schemas.get("ChunkRecord").get("properties").get("chunk_id").get("type").toString()).doesNotContain("null");
		assertThat(schemas.get("ChunkDetail").get("properties").get("file").get("oneOf").toString())
			.contains("#/components/schemas/FileInfo", "null");
		assertThat(doc.body.get("paths").get("/api/chunks").get("get").get("responses").has("400")).isTrue();
	}

	// ---- the change feed, last: it changes the tree

	@Test
	@Order(Integer.MAX_VALUE)
	void changeFeedListsExactlyTheChangedChunksAfterReindexing() throws Exception {
		long before = lastRun("pylib");
		Set<String> idsBefore = ids(rows("pylib"));
		Map<String, Object> rawDecode = one("pylib", "JSONDecoder.raw_decode");
		Map<String, Object> oldDecoder = one("pylib", "JSONDecoder");
		Map<String, Object> oldDecode = one("pylib", "JSONDecoder.decode");
		// One method changes (and so its class), a function is added, a file goes away.
		Path decoderFile = this.pylib.resolve("json/decoder.py");
		String source = Files.readString(decoderFile);
		assertThat(source).contains("raise JSONDecodeError(\"Extra data\", s, end)");
		Files.writeString(decoderFile, source.replace("raise JSONDecodeError(\"Extra data\", s, end)",
				"raise JSONDecodeError(\"Extra data after the document\", s, end)") + "\n\ndef added_helper(x):\n    return x\n");
		Files.setLastModifiedTime(decoderFile, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
		Files.delete(this.pylib.resolve("colorsys.py"));
		assertThat(cli("index", this.pylib.toString(), "--db", this.url, "--repo", "pylib", "--threads", "2").code).isZero();
		long after = lastRun("pylib");
		assertThat(after).isGreaterThan(before);

		Set<String> idsAfter = ids(rows("pylib"));
		Set<String> added = new HashSet<>(idsAfter);
		added.removeAll(idsBefore);
		Set<String> deleted = new HashSet<>(idsBefore);
		deleted.removeAll(idsAfter);
		assertThat(added).contains((String) one("pylib", "added_helper").get("chunk_id"),
				(String) one("pylib", "JSONDecoder.decode").get("chunk_id"), (String) one("pylib", "JSONDecoder").get("chunk_id"));
		assertThat(added).hasSize(3);
		assertThat(deleted).contains((String) oldDecoder.get("chunk_id"), (String) oldDecode.get("chunk_id"));
		assertThat(deleted).hasSize(2 + (int) rows("other").stream().filter((r) -> r.get("file_path").equals("colorsys.py")).count());
		assertThat(idsAfter).contains((String) rawDecode.get("chunk_id"));

		// REST: paged through in small pages.
		Set<String> feedAdded = new LinkedHashSet<>();
		Set<String> feedDeleted = new LinkedHashSet<>();
		Response page = get("/api/changes?repo=pylib&since=" + before + "&size=2");
		assertThat(page.body.get("since").asLong()).isEqualTo(before);
		assertThat(page.body.get("latest_run_id").asLong()).isEqualTo(after);
		assertThat(page.body.get("next_since").asLong()).isEqualTo(after);
		assertThat(page.body.get("added_total").asLong()).isEqualTo(added.size());
		assertThat(page.body.get("deleted_total").asLong()).isEqualTo(deleted.size());
		while (true) {
			for (JsonNode change : page.body.get("items")) {
				assertThat(change.get("repo").asString()).isEqualTo("pylib");
				assertThat(change.get("run_id").asLong()).isEqualTo(after);
				(change.get("change").asString().equals("added") ? feedAdded : feedDeleted).add(change.get("chunk_id").asString());
			}
			if (page.body.get("links").get("next").isNull()) {
				break;
			}
			page = get(page.body.get("links").get("next").asString());
		}
		assertThat(feedAdded).containsExactlyInAnyOrderElementsOf(added);
		assertThat(feedDeleted).containsExactlyInAnyOrderElementsOf(deleted);
		assertThat(get("/api/changes?repo=pylib&since=" + after).body.get("items").size()).isZero();
		expectApiIds(added, "/api/chunks?repo=pylib&changedSince=" + before);

		// The command: added chunks, then deleted ids.
		Result cli = cli("query", "--db", this.url, "--repo", "pylib", "--changed-since", Long.toString(before), "--limit", "0",
				"--format", "jsonl");
		Set<String> cliAdded = new HashSet<>();
		Set<String> cliDeleted = new HashSet<>();
		for (JsonNode line : jsonl(cli)) {
			if (line.has("change")) {
				assertThat(line.get("change").asString()).isEqualTo("deleted");
				cliDeleted.add(line.get("chunk_id").asString());
			}
			else {
				cliAdded.add(line.get("chunk_id").asString());
			}
		}
		assertThat(cliAdded).isEqualTo(added);
		assertThat(cliDeleted).isEqualTo(deleted);
		assertThat(cli.err).contains("ask with --changed-since " + after);

		// The packed view's feed, REST and command: windows of the edited file only, deleted ids of it and of the
		// file that went away; the same on both.
		Set<String> restWindows = new HashSet<>();
		Set<String> restGone = new HashSet<>();
		Response windows = get("/api/changes?repo=pylib&since=" + before + "&view=packed&size=3");
		assertThat(windows.body.get("next_since").asLong()).isEqualTo(after);
		while (true) {
			for (JsonNode change : windows.body.get("items")) {
				if (change.get("change").asString().equals("added")) {
					assertThat(change.get("file_path").asString()).isEqualTo("json/decoder.py");
					assertThat(change.get("window").get("content").asString()).isNotEmpty();
					restWindows.add(change.get("window_id").asString());
				}
				else {
					assertThat(change.get("file_path").asString()).isIn("json/decoder.py", "colorsys.py");
					restGone.add(change.get("window_id").asString());
				}
			}
			if (windows.body.get("links").get("next").isNull()) {
				break;
			}
			windows = get(windows.body.get("links").get("next").asString());
		}
		assertThat(restWindows).isNotEmpty();
		assertThat(restGone).isNotEmpty();
		Set<String> cliWindows = new HashSet<>();
		Set<String> cliGone = new HashSet<>();
		for (JsonNode line : jsonl(cli("query", "--db", this.url, "--repo", "pylib", "--changed-since", Long.toString(before),
				"--view", "packed", "--limit", "0", "--format", "jsonl"))) {
			(line.has("change") ? cliGone : cliWindows).add(line.get("window_id").asString());
		}
		assertThat(cliWindows).isEqualTo(restWindows);
		assertThat(cliGone).isEqualTo(restGone);

		// An unchanged method keeps its id and now points at its class's new chunk.
		Map<String, Object> newDecoder = one("pylib", "JSONDecoder");
		assertThat(one("pylib", "JSONDecoder.raw_decode").get("parent_chunk_id")).isEqualTo(newDecoder.get("chunk_id"));
		Response kept = get("/api/chunks/" + rawDecode.get("chunk_id") + "?repo=pylib");
		assertThat(kept.body.get("parents").get(0).get("chunk_id").asString()).isEqualTo(newDecoder.get("chunk_id"));
		assertThat(cli("show", (String) rawDecode.get("chunk_id"), "--db", this.url, "--repo", "pylib").out)
			.contains(newDecoder.get("chunk_id") + "  class_definition");
	}

	// ---- helpers

	record Result(int code, String out, String err) {
	}

	record Response(int status, String contentType, JsonNode body) {
	}

	static Result cli(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int code = ChunkerCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
		return new Result(code, out.toString(), err.toString());
	}

	static Result expectUsage(String mention, String... args) {
		Result result = cli(args);
		assertThat(result.code).as(String.join(" ", args) + ": " + result.err).isEqualTo(ChunkerCommand.USAGE);
		assertThat(result.err.strip().lines().count()).as(result.err).isEqualTo(1);
		assertThat(result.err).contains(mention);
		return result;
	}

	String base() {
		return "http://127.0.0.1:" + this.port;
	}

	Response get(String pathAndQuery) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(base() + pathAndQuery))
			.timeout(Duration.ofSeconds(60))
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
		return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
				JSON.readTree(response.body()));
	}

	void expectBadParameter(String parameter, String pathAndQuery) throws Exception {
		Response response = get(pathAndQuery);
		assertThat(response.status).as(pathAndQuery + " " + response.body).isEqualTo(400);
		assertThat(response.contentType).startsWith("application/json");
		assertThat(response.body.get("parameter").asString()).as(pathAndQuery).isEqualTo(parameter);
		assertThat(response.body.get("message").asString()).startsWith(parameter + ": ");
	}

	void expectNotFound(String pathAndQuery) throws Exception {
		Response response = get(pathAndQuery);
		assertThat(response.status).as(pathAndQuery + " " + response.body).isEqualTo(404);
		assertThat(response.body.get("status").asInt()).isEqualTo(404);
		assertThat(response.body.get("message").asString()).isNotBlank();
	}

	/** The command's jsonl output under {@code args} lists exactly the rows {@code filter} accepts, in order. */
	List<JsonNode> expectQuery(List<Map<String, Object>> all, Predicate<Map<String, Object>> filter, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("query", "--db", this.url, "--limit", "0", "--format", "jsonl"));
		command.addAll(List.of(args));
		Result result = cli(command.toArray(String[]::new));
		assertThat(result.code).as(result.err).isZero();
		List<JsonNode> lines = jsonl(result);
		List<String> expected = all.stream().filter(filter).map((r) -> r.get("repo") + ":" + r.get("chunk_id")).toList();
		assertThat(expected).as("a meaningful filter").isNotEmpty();
		assertThat(ids(lines)).as(String.join(" ", args)).containsExactlyElementsOf(expected);
		return lines;
	}

	/** The API lists exactly the rows {@code filter} accepts (in any order: a text search ranks). */
	void expectApi(List<Map<String, Object>> all, Predicate<Map<String, Object>> filter, String pathAndQuery) throws Exception {
		List<String> expected = all.stream().filter(filter).map((r) -> r.get("repo") + ":" + r.get("chunk_id")).toList();
		assertThat(expected).isNotEmpty();
		Response response = get(pathAndQuery + (pathAndQuery.contains("?") ? "&" : "?") + "size=500");
		assertThat(response.status).as(pathAndQuery + " " + response.body).isEqualTo(200);
		List<String> actual = new ArrayList<>();
		response.body.get("items").forEach((n) -> actual.add(n.get("repo").asString() + ":" + n.get("chunk_id").asString()));
		assertThat(actual).as(pathAndQuery).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(response.body.get("page").get("total_items").asLong()).isEqualTo(expected.size());
	}

	void expectApiIds(Set<String> ids, String pathAndQuery) throws Exception {
		Response response = get(pathAndQuery + "&size=500");
		assertThat(names(response.body.get("items"), "chunk_id")).containsExactlyInAnyOrderElementsOf(ids);
	}

	/**
	 * The chunk rows (of a repository, or all) as the API and the export write them, in export order, each with the
	 * content a fresh chunking gives: the bytes of its span in the file on disk, decoded as UTF-8 (NUL as U+FFFD).
	 */
	List<Map<String, Object>> rows(String repo) throws SQLException {
		String sql = "SELECT r.name, c.file_path, c.language, c.node_type, c.name, c.qualified_name, c.parent_chunk_id, "
				+ "c.start_line, c.end_line, c.byte_start, c.byte_end, r.root_path, c.chunk_id, c.file_id, c.definition_id, "
				+ "c.content_hash, c.has_error, c.part_index, c.part_count, c.metadata, c.run_id FROM chunks c JOIN repositories r "
				+ "ON r.repo_id = c.repo_id" + ((repo != null) ? " WHERE r.name = ?" : "")
				+ " ORDER BY r.name, c.file_path, c.byte_start, c.ordinal";
		List<Map<String, Object>> rows = new ArrayList<>();
		try (Connection connection = this.database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
			if (repo != null) {
				statement.setString(1, repo);
			}
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					Map<String, Object> row = new LinkedHashMap<>();
					for (int i = 0; i < CHUNK_FIELDS.size(); i++) {
						Object value = rs.getObject(i + 1);
						if (value instanceof String text) {
							value = CHUNK_FIELDS.get(i).endsWith("_id") || CHUNK_FIELDS.get(i).equals("content_hash") ? text.strip() : text;
						}
						else if (value instanceof java.sql.Clob clob) {
							value = clob.getSubString(1, (int) clob.length());
						}
						else if (value instanceof Number number) {
							value = number.longValue();
						}
						row.put(CHUNK_FIELDS.get(i), value);
					}
					row.put("content", sliceOnDisk(rs.getString(12), rs.getString(2), rs.getInt(10), rs.getInt(11)));
					row.put("metadata", metadataOnDisk(rs.getString(12), rs.getString(2), rs.getString(13).strip()));
					rows.add(row);
				}
			}
		}
		return rows;
	}

	/** The one chunk of a repository with this qualified name. */
	Map<String, Object> one(String repo, String qualifiedName) throws SQLException {
		List<Map<String, Object>> found = rows(repo).stream().filter((r) -> qualifiedName.equals(r.get("qualified_name"))).toList();
		assertThat(found).as(repo + " " + qualifiedName).hasSize(1);
		return found.get(0);
	}

	List<String> childIds(String repo, String parentId) throws SQLException {
		return rows(repo).stream()
			.filter((r) -> parentId.equals(r.get("parent_chunk_id")))
			.sorted(Comparator.comparing((Map<String, Object> r) -> (Long) r.get("byte_start")))
			.map((r) -> (String) r.get("chunk_id"))
			.toList();
	}

	long lastRun(String repo) throws SQLException {
		try (Connection connection = this.database.connect();
				PreparedStatement statement = connection.prepareStatement(
						"SELECT MAX(r.run_id) FROM runs r JOIN repositories p ON p.repo_id = r.repo_id WHERE p.name = ?")) {
			statement.setString(1, repo);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	/** A JSON object as the row map: numbers as longs. */
	/**
	 * A chunk's metadata as {@code chunker chunk} finds it in the file on disk now (stored metadata must read back
	 * as the chunker computes it: doc cut from the span, imports from the file's row), as a JSON tree.
	 */
	private Object metadataOnDisk(String root, String path, String chunkId) throws SQLException {
		try {
			Path file = Path.of(root).resolve(path);
			String key = file + "\0" + Files.getLastModifiedTime(file).toMillis() + "\0" + Files.size(file);
			Map<String, Object> byId = this.metadataCache.computeIfAbsent(key, (k) -> {
				Map<String, Object> found = new HashMap<>();
				for (CodeChunk chunk : this.runtime().chunker().chunk(file, path, null).chunks()) {
					found.put(chunk.chunkId(), JSON.valueToTree(ChunkJson.mapper().convertValue(chunk.metadata(), Object.class)));
				}
				return found;
			});
			Object metadata = byId.get(chunkId);
			return (metadata instanceof JsonNode node && node.isNull()) ? null : metadata;
		}
		catch (IOException ex) {
			throw new SQLException("cannot read " + path + ": " + ex.getMessage(), ex);
		}
	}

	private ChunkerRuntime runtime() {
		if (this.chunkerRuntime == null) {
			this.chunkerRuntime = ChunkerSettings.defaults().newChunkerRuntime();
		}
		return this.chunkerRuntime;
	}

	static Map<String, Object> plain(JsonNode node) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (String field : fieldNames(node)) {
			JsonNode value = node.get(field);
			Object plain;
			if (value.isNull()) {
				plain = null;
			}
			else if (value.isNumber()) {
				plain = value.asLong();
			}
			else if (value.isBoolean()) {
				plain = value.asBoolean();
			}
			else if (value.isContainer()) {
				plain = value;
			}
			else {
				plain = value.asString();
			}
			map.put(field, plain);
		}
		return map;
	}

	static List<String> fieldNames(JsonNode node) {
		List<String> names = new ArrayList<>();
		Iterator<String> it = node.propertyNames().iterator();
		it.forEachRemaining(names::add);
		return names;
	}

	static List<String> names(JsonNode array, String field) {
		List<String> names = new ArrayList<>();
		array.forEach((n) -> names.add((field != null) ? n.get(field).asString() : n.asString()));
		return names;
	}

	static List<JsonNode> jsonl(Result result) {
		assertThat(result.code).as(result.err).isZero();
		List<JsonNode> lines = new ArrayList<>();
		result.out.lines().filter((l) -> !l.isBlank()).forEach((l) -> lines.add(JSON.readTree(l)));
		return lines;
	}

	static List<String> ids(List<JsonNode> lines) {
		return lines.stream().map((n) -> n.get("repo").asString() + ":" + n.get("chunk_id").asString()).toList();
	}

	static Set<String> ids(Iterable<Map<String, Object>> rows) {
		Set<String> ids = new HashSet<>();
		rows.forEach((r) -> ids.add((String) r.get("chunk_id")));
		return ids;
	}

	static boolean startsWith(Object value, String prefix) {
		return value instanceof String text && text.startsWith(prefix);
	}

	static List<String> concat(List<String> list, String last) {
		List<String> all = new ArrayList<>(list);
		all.add(last);
		return all;
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	static void copy(Path from, Path to) throws IOException {
		Files.createDirectories(to.getParent());
		Files.copy(from, to);
	}

	private static String sliceOnDisk(String root, String path, int from, int to) {
		try {
			byte[] bytes = Files.readAllBytes(Path.of(root).resolve(path));
			return new String(bytes, from, to - from, StandardCharsets.UTF_8).replace('\0', '\uFFFD');
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** Name, qualified name and content, lower case. */
	static String searchable(Map<String, Object> chunk) {
		return (text(chunk.get("name")) + " " + text(chunk.get("qualified_name")) + " " + text(chunk.get("content")))
			.toLowerCase(Locale.ROOT);
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : "";
	}

}
