package dev.chunker.job;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.chunker.job.JobTestSupport.Cli;
import dev.chunker.job.JobTestSupport.Db;
import dev.chunker.job.JobTestSupport.TestDatabase;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.chunker.job.JobTestSupport.chunker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packed view as an index builds it: {@code export --view packed} gives windows that concatenate to every file
 * byte for byte; after an edit inside one method, the packed change feed ({@code query --changed-since N --view
 * packed}) lists only windows of the edited file, and as deleted only ids no file has any more; turning the view off
 * removes every window and lists their ids as deleted.
 */
@Timeout(300)
class PackedViewIndexTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@ParameterizedTest
	@EnumSource(Db.class)
	void windowsTileEveryFileAndTheFeedFollowsOnlyWhatChanged(Db db, @TempDir Path dir) throws Exception {
		Path tree = Files.createDirectories(dir.resolve("tree"));
		JobTestSupport.copyJava(tree.resolve("java"), 40);
		List<String> paths = JobTestSupport.relativeFiles(tree);
		try (TestDatabase database = TestDatabase.create(db, dir)) {
			Cli first = index(tree, database, null);

			// Every file's windows, in order, are the file.
			Map<String, ByteArrayOutputStream> joined = new HashMap<>();
			List<JsonNode> windows = lines(chunker("export", "--view", "packed", "--db", database.url()));
			for (JsonNode window : windows) {
				byte[] content = window.path("content").asString().getBytes(StandardCharsets.UTF_8);
				assertThat(content).hasSize(window.path("byte_end").asInt() - window.path("byte_start").asInt());
				joined.computeIfAbsent(window.path("file_path").asString(), (p) -> new ByteArrayOutputStream()).write(content);
				assertThat(window.path("token_count").asInt()).isPositive();
				assertThat(window.path("header").asString()).startsWith("file: " + window.path("file_path").asString());
			}
			assertThat(joined.keySet()).containsExactlyInAnyOrderElementsOf(paths);
			assertThat(first.out()).contains("  windows  " + windows.size() + " stored (the packed view)");
			for (String path : paths) {
				assertThat(joined.get(path).toByteArray()).as(path).isEqualTo(Files.readAllBytes(tree.resolve(path)));
			}

			// One window by its id (a unique prefix of it), with where it is and its content.
			JsonNode shown = windows.get(windows.size() / 2);
			String id = shown.path("window_id").asString();
			Cli show = chunker("show", id.substring(0, 12), "--view", "packed", "--db", database.url());
			assertThat(show.exitCode()).as(show.all()).isZero();
			assertThat(show.out()).contains("window     " + id, "file       " + shown.path("file_path").asString(),
					"--- header\n" + shown.path("header").asString(), "--- content\n" + shown.path("content").asString());
			Cli json = chunker("show", id, "--view", "packed", "--format", "json", "--db", database.url());
			assertThat(JSON.readTree(json.out()).path("window").path("content").asString())
				.isEqualTo(shown.path("content").asString());
			// The windows of one file, listed by query, are the export's.
			String shownPath = shown.path("file_path").asString();
			List<String> listed = lines(chunker("query", "--view", "packed", "--path", shownPath, "--limit", "0", "--format",
					"jsonl", "--db", database.url())).stream().map((w) -> w.path("window_id").asString()).toList();
			assertThat(listed).isEqualTo(windows.stream().filter((w) -> w.path("file_path").asString().equals(shownPath))
				.map((w) -> w.path("window_id").asString()).toList());
			Cli refused = chunker("query", "--view", "packed", "--symbol", "x", "--db", database.url());
			assertThat(refused.exitCode()).isEqualTo(2);
			assertThat(refused.err()).contains("--view packed takes --repo, --path and --changed-since");
			Cli badView = chunker("show", id, "--view", "windows", "--db", database.url());
			assertThat(badView.exitCode()).isEqualTo(2);
			assertThat(badView.err()).contains("--view must be definitions or packed");
			Cli missing = chunker("show", "0000", "--view", "packed", "--db", database.url());
			assertThat(missing.exitCode()).isEqualTo(1);
			assertThat(missing.err()).contains("no window 0000");

			// An edit inside one method of one file.
			String edited = null;
			for (String path : paths) {
				if (Files.readString(tree.resolve(path)).contains("public boolean isEmpty() {")) {
					edited = path;
					break;
				}
			}
			assertThat(edited).as("a file with an isEmpty() method").isNotNull();
			Path file = tree.resolve(edited);
			String source = Files.readString(file);
			int body = source.indexOf("public boolean isEmpty() {") + "public boolean isEmpty() ".length();
			Files.writeString(file, source.substring(0, body + 1) + "\n        int unused = 42;" + source.substring(body + 1));
			Set<String> before = ids(windows);
			index(tree, database, null);

			Cli feed = chunker("query", "--changed-since", "1", "--view", "packed", "--format", "jsonl", "--limit", "0",
					"--db", database.url());
			assertThat(feed.exitCode()).as(feed.all()).isZero();
			List<JsonNode> changes = lines(feed);
			List<JsonNode> added = changes.stream().filter((c) -> c.has("content")).toList();
			List<JsonNode> deleted = changes.stream().filter((c) -> "deleted".equals(c.path("change").asString())).toList();
			String editedPath = edited;
			assertThat(added).isNotEmpty().allSatisfy((w) -> assertThat(w.path("file_path").asString()).isEqualTo(editedPath));
			assertThat(added).hasSizeLessThanOrEqualTo(3);
			assertThat(added).allSatisfy((w) -> assertThat(before).doesNotContain(w.path("window_id").asString()));
			assertThat(deleted).isNotEmpty().hasSizeLessThanOrEqualTo(3)
				.allSatisfy((d) -> assertThat(d.path("file_path").asString()).isEqualTo(editedPath));
			Set<String> now = ids(lines(chunker("export", "--view", "packed", "--db", database.url())));
			assertThat(deleted).allSatisfy((d) -> assertThat(now).doesNotContain(d.path("window_id").asString()));

			// The view turned off: no windows left, every id listed as deleted since run 2.
			Path config = JobTestSupport.config(dir, "chunking:\n  views: [definitions]\n");
			index(tree, database, config);
			assertThat(database.count("SELECT COUNT(*) FROM windows")).isZero();
			List<JsonNode> gone = lines(chunker("query", "--changed-since", "2", "--view", "packed", "--format", "jsonl",
					"--limit", "0", "--db", database.url()));
			assertThat(ids(gone)).isEqualTo(now);
		}
	}

	private static Cli index(Path tree, TestDatabase database, Path config) {
		List<String> args = new ArrayList<>(List.of("index", tree.toString(), "--repo", "r", "--db", database.url()));
		if (config != null) {
			args.addAll(List.of("--config", config.toString()));
		}
		Cli run = chunker(args.toArray(String[]::new));
		assertThat(run.exitCode()).as(run.all()).isZero();
		return run;
	}

	private static List<JsonNode> lines(Cli cli) {
		assertThat(cli.exitCode()).as(cli.all()).isZero();
		return cli.out().lines().filter((l) -> l.startsWith("{")).map(JSON::readTree).toList();
	}

	private static Set<String> ids(List<JsonNode> rows) {
		Set<String> ids = new HashSet<>();
		rows.forEach((row) -> ids.add(row.path("window_id").asString()));
		return ids;
	}

}
