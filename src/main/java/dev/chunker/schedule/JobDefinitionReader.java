package dev.chunker.schedule;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.chunker.settings.ChunkerSettings;
import dev.chunker.settings.SettingKey;
import dev.chunker.settings.SettingsException;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.support.CronExpression;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import static dev.chunker.schedule.DefinitionNodes.firstLine;
import static dev.chunker.schedule.DefinitionNodes.line;
import static dev.chunker.schedule.DefinitionNodes.value;

/**
 * Validates one definition file's node tree into a {@link JobDefinition}: the keys each section takes, the job
 * name, the cron expression and zone, {@code ${VAR}} expansion in the database section, the repositories (paths
 * resolved against the file, names unique) and the options (checked by the configuration file's rules).
 */
final class JobDefinitionReader {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

	private static final List<String> TOP_KEYS = List.of("name", "schedule", "database", "repositories", "threads",
			"remote", "options");

	private static final List<String> SCHEDULE_KEYS = List.of("cron", "zone");

	private static final List<String> DATABASE_KEYS = List.of("url", "user", "password");

	private static final List<String> REPOSITORY_KEYS = List.of("path", "name", "include", "exclude");

	private final DefinitionNodes yaml;

	private final Map<String, String> env;

	JobDefinitionReader(Path file, Map<String, String> env) {
		this.yaml = new DefinitionNodes(file);
		this.env = env;
	}

	JobDefinition definition(@Nullable Node root) {
		if (root == null) {
			throw new JobDefinitionException(this.yaml.file() + ":1: the file is empty; a job needs at least 'repositories'");
		}
		Map<String, NodeTuple> top = this.yaml.mapping(root, "", TOP_KEYS);
		String stem = this.yaml.file().getFileName().toString().replaceFirst("\\.(yaml|yml)$", "");
		String name = top.containsKey("name") ? this.yaml.string(value(top, "name"), "name") : stem;
		if (!NAME.matcher(name).matches()) {
			throw this.yaml.error(top.containsKey("name") ? value(top, "name") : root, "name", "'" + name
					+ "' is not a valid job name (letters, digits, '.', '_', '-'; starting with a letter or digit)");
		}
		JobDefinition.Schedule schedule = top.containsKey("schedule") ? schedule(value(top, "schedule")) : null;
		JobDefinition.Database database = top.containsKey("database") ? database(value(top, "database"))
				: new JobDefinition.Database("", "", "");
		if (!top.containsKey("repositories")) {
			throw this.yaml.error(root, "repositories", "missing: a job needs a list of repositories (each with a 'path')");
		}
		List<JobDefinition.Repository> repositories = repositories(value(top, "repositories"));
		Integer threads = null;
		if (top.containsKey("threads")) {
			Node node = value(top, "threads");
			Object value = this.yaml.scalar(node, "threads");
			if (!(value instanceof Integer i) || i < 1) {
				throw this.yaml.error(node, "threads", "must be a whole number of at least 1, was '" + value + "'");
			}
			threads = i;
		}
		boolean remote = false;
		if (top.containsKey("remote")) {
			Node node = value(top, "remote");
			Object value = this.yaml.scalar(node, "remote");
			if (!(value instanceof Boolean b)) {
				throw this.yaml.error(node, "remote", "must be true or false, was '" + value + "'");
			}
			remote = b;
		}
		Map<String, Object> options = top.containsKey("options") ? options(value(top, "options"), threads != null)
				: Map.of();
		return new JobDefinition(name, this.yaml.file(), schedule, database, repositories, threads, remote, options);
	}

	private JobDefinition.Schedule schedule(Node node) {
		Node cronNode;
		ZoneId zone = ZoneId.systemDefault();
		if (node instanceof ScalarNode) {
			cronNode = node;
		}
		else {
			Map<String, NodeTuple> map = this.yaml.mapping(node, "schedule", SCHEDULE_KEYS);
			if (!map.containsKey("cron")) {
				throw this.yaml.error(node, "schedule.cron", "missing: a cron expression such as '0 30 2 * * *' (02:30 every day)");
			}
			cronNode = value(map, "cron");
			if (map.containsKey("zone")) {
				Node zoneNode = value(map, "zone");
				String zoneId = this.yaml.string(zoneNode, "schedule.zone");
				try {
					zone = ZoneId.of(zoneId);
				}
				catch (DateTimeException ex) {
					throw this.yaml.error(zoneNode, "schedule.zone", "unknown time zone '" + zoneId
							+ "' (a region such as Europe/Berlin or America/New_York, or UTC)");
				}
			}
		}
		String key = (node instanceof ScalarNode) ? "schedule" : "schedule.cron";
		String cron = this.yaml.string(cronNode, key);
		try {
			CronExpression.parse(cron);
		}
		catch (IllegalArgumentException ex) {
			throw this.yaml.error(cronNode, key, "'" + cron + "' is not a valid cron expression: " + firstLine(ex.getMessage())
					+ "; six fields: second minute hour day-of-month month day-of-week, e.g. '0 30 2 * * *'");
		}
		return new JobDefinition.Schedule(cron, zone);
	}

	private JobDefinition.Database database(Node node) {
		Map<String, NodeTuple> map = this.yaml.mapping(node, "database", DATABASE_KEYS);
		String url = map.containsKey("url") ? expand(value(map, "url"), "database.url") : "";
		if (!url.isBlank() && !url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
			throw this.yaml.error(value(map, "url"), "database.url", "must be a jdbc:h2: or jdbc:postgresql: URL, was '" + url + "'");
		}
		String user = map.containsKey("user") ? expand(value(map, "user"), "database.user") : "";
		String password = map.containsKey("password") ? expand(value(map, "password"), "database.password") : "";
		return new JobDefinition.Database(url, user, password);
	}

	/** A string in which {@code ${NAME}} is replaced by the environment variable NAME. */
	private String expand(Node node, String key) {
		String text = this.yaml.string(node, key);
		Matcher matcher = VARIABLE.matcher(text);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			String value = this.env.get(matcher.group(1));
			if (value == null) {
				throw this.yaml.error(node, key, "environment variable " + matcher.group(1) + " is not set");
			}
			matcher.appendReplacement(result, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	private List<JobDefinition.Repository> repositories(Node node) {
		if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
			throw this.yaml.error(node, "repositories", "must be a non-empty list of repositories (each with a 'path')");
		}
		List<JobDefinition.Repository> repositories = new ArrayList<>();
		Map<String, Node> names = new HashMap<>();
		for (int i = 0; i < sequence.getValue().size(); i++) {
			Node item = sequence.getValue().get(i);
			String key = "repositories[" + i + "]";
			Map<String, NodeTuple> map = this.yaml.mapping(item, key, REPOSITORY_KEYS);
			if (!map.containsKey("path")) {
				throw this.yaml.error(item, key + ".path", "missing: the repository's root directory");
			}
			Node pathNode = value(map, "path");
			String pathText = this.yaml.string(pathNode, key + ".path");
			if (pathText.isBlank()) {
				throw this.yaml.error(pathNode, key + ".path", "must not be empty");
			}
			Path path = Path.of(pathText);
			if (!path.isAbsolute()) {
				Path base = this.yaml.file().toAbsolutePath().getParent();
				path = (base != null) ? base.resolve(path) : path.toAbsolutePath();
			}
			path = path.normalize();
			Node nameNode = map.containsKey("name") ? value(map, "name") : pathNode;
			String name = map.containsKey("name") ? this.yaml.string(nameNode, key + ".name")
					: (path.getFileName() != null) ? path.getFileName().toString() : "";
			if (name.isBlank()) {
				throw this.yaml.error(nameNode, key + ".name", "must not be empty");
			}
			Node previous = names.putIfAbsent(name, nameNode);
			if (previous != null) {
				throw this.yaml.error(nameNode, key + ".name", "duplicate repository name '" + name + "' (also at line "
						+ line(previous) + "); give each repository of a job its own 'name'");
			}
			List<String> include = map.containsKey("include") ? globs(value(map, "include"), key + ".include") : List.of();
			List<String> exclude = map.containsKey("exclude") ? globs(value(map, "exclude"), key + ".exclude") : List.of();
			repositories.add(new JobDefinition.Repository(name, path, include, exclude));
		}
		return List.copyOf(repositories);
	}

	private List<String> globs(Node node, String key) {
		List<String> globs = new ArrayList<>();
		if (node instanceof ScalarNode) {
			globs.add(this.yaml.string(node, key));
		}
		else if (node instanceof SequenceNode sequence) {
			for (Node item : sequence.getValue()) {
				globs.add(this.yaml.string(item, key));
			}
		}
		else {
			throw this.yaml.error(node, key, "must be a glob or a list of globs");
		}
		for (int i = 0; i < globs.size(); i++) {
			if (globs.get(i).isBlank()) {
				throw this.yaml.error(node, key, "globs must not be empty");
			}
		}
		return List.copyOf(globs);
	}

	/** Nested or dotted configuration keys, each checked by the configuration file's rules. */
	private Map<String, Object> options(Node node, boolean hasThreads) {
		if (node instanceof ScalarNode scalar && scalar.getValue().isEmpty()) {
			return Map.of();
		}
		Map<String, Object> options = new LinkedHashMap<>();
		Map<String, Node> nodes = new LinkedHashMap<>();
		flatten(node, "", options, nodes);
		for (Map.Entry<String, Object> option : options.entrySet()) {
			String key = option.getKey();
			Node at = nodes.getOrDefault(key, node);
			if (key.startsWith("database.")) {
				throw this.yaml.error(at, "options." + key, "set the database in the job's 'database' section");
			}
			if (hasThreads && key.equals(SettingKey.PARALLEL_WORKERS.key())) {
				throw this.yaml.error(at, "options." + key, "the job sets 'threads' already; set one of them");
			}
			Map<String, Object> single = new HashMap<>();
			single.put(key, option.getValue());
			try {
				ChunkerSettings.validate(single, "options");
			}
			catch (SettingsException ex) {
				throw this.yaml.error(at, "options." + key, String.valueOf(ex.getMessage()));
			}
		}
		try {
			ChunkerSettings.validate(options, "options");
		}
		catch (SettingsException ex) {
			throw this.yaml.error(node, "options", String.valueOf(ex.getMessage()));
		}
		return options;
	}

	private void flatten(Node node, String prefix, Map<String, Object> options, Map<String, Node> nodes) {
		String where = prefix.isEmpty() ? "options" : "options." + prefix.substring(0, prefix.length() - 1);
		Map<String, NodeTuple> map = this.yaml.mapping(node, where, null);
		for (Map.Entry<String, NodeTuple> entry : map.entrySet()) {
			String key = prefix + entry.getKey();
			Node value = entry.getValue().getValueNode();
			if (value instanceof MappingNode) {
				flatten(value, key + ".", options, nodes);
				continue;
			}
			if (options.containsKey(key)) {
				throw this.yaml.error(entry.getValue().getKeyNode(), "options." + key, "set twice (dotted and nested)");
			}
			Object constructed = this.yaml.constructed(value);
			if (constructed == null) {
				throw this.yaml.error(value, "options." + key, "has no value");
			}
			options.put(key, constructed);
			nodes.put(key, value);
		}
	}

}
