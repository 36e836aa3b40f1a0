package dev.chunker.schedule;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
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
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads and validates job definitions ({@code jobs/*.yaml}). The YAML is read as a node tree, so every error names
 * the file, the line and the key: {@code jobs/nightly.yaml:7: schedule.cron: ...}.
 */
public final class JobDefinitions {

	/** The directory of job definitions when none is given. */
	public static final Path DEFAULT_DIR = Path.of("jobs");

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

	private static final List<String> TOP_KEYS = List.of("name", "schedule", "database", "repositories", "threads",
			"options");

	private static final List<String> SCHEDULE_KEYS = List.of("cron", "zone");

	private static final List<String> DATABASE_KEYS = List.of("url", "user", "password");

	private static final List<String> REPOSITORY_KEYS = List.of("path", "name", "include", "exclude");

	private JobDefinitions() {
	}

	/** Reads one definition file. */
	public static JobDefinition load(Path file, Map<String, String> env) {
		if (!Files.isRegularFile(file)) {
			throw new JobDefinitionException("job definition " + file + " does not exist");
		}
		Node root;
		try (Reader reader = Files.newBufferedReader(file)) {
			root = new Yaml().compose(reader);
		}
		catch (MarkedYAMLException ex) {
			int line = (ex.getProblemMark() != null) ? ex.getProblemMark().getLine() + 1 : 1;
			throw new JobDefinitionException(file + ":" + line + ": not valid YAML: " + ex.getProblem());
		}
		catch (YAMLException ex) {
			throw new JobDefinitionException(file + ": not valid YAML: " + firstLine(ex.getMessage()));
		}
		catch (IOException ex) {
			throw new JobDefinitionException("cannot read job definition " + file + ": " + ex.getMessage());
		}
		return new Reading(file, env).definition(root);
	}

	/** Reads every {@code *.yaml} and {@code *.yml} file of a directory, in file name order. */
	public static List<JobDefinition> loadAll(Path dir, Map<String, String> env) {
		if (!Files.isDirectory(dir)) {
			throw new JobDefinitionException("job directory " + dir + " does not exist");
		}
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.{yaml,yml}")) {
			stream.forEach(files::add);
		}
		catch (IOException ex) {
			throw new JobDefinitionException("cannot list job directory " + dir + ": " + ex.getMessage());
		}
		files.sort(null);
		List<JobDefinition> definitions = new ArrayList<>();
		Map<String, JobDefinition> byName = new HashMap<>();
		for (Path file : files) {
			JobDefinition definition = load(file, env);
			JobDefinition other = byName.putIfAbsent(definition.name(), definition);
			if (other != null) {
				throw new JobDefinitionException(file + ": name: job '" + definition.name() + "' is also defined in "
						+ other.file() + "; job names must be unique");
			}
			definitions.add(definition);
		}
		return definitions;
	}

	/**
	 * Finds a definition: a file path, else {@code DIR/NAME.yaml} (or {@code .yml}), else the definition of the
	 * directory whose {@code name} is NAME.
	 */
	public static JobDefinition find(String nameOrFile, Path dir, Map<String, String> env) {
		Path asFile = Path.of(nameOrFile);
		if (Files.isRegularFile(asFile)) {
			return load(asFile, env);
		}
		for (String extension : List.of(".yaml", ".yml")) {
			Path candidate = dir.resolve(nameOrFile + extension);
			if (!nameOrFile.contains("/") && Files.isRegularFile(candidate)) {
				return load(candidate, env);
			}
		}
		if (nameOrFile.endsWith(".yaml") || nameOrFile.endsWith(".yml") || nameOrFile.contains("/")) {
			throw new JobDefinitionException("job definition " + nameOrFile + " does not exist");
		}
		if (!Files.isDirectory(dir)) {
			throw new JobDefinitionException("no job '" + nameOrFile + "': job directory " + dir + " does not exist");
		}
		List<JobDefinition> all = loadAll(dir, env);
		return all.stream()
			.filter((definition) -> definition.name().equals(nameOrFile))
			.findFirst()
			.orElseThrow(() -> new JobDefinitionException("no job '" + nameOrFile + "' in " + dir + " (known: "
					+ String.join(", ", all.stream().map(JobDefinition::name).toList()) + ")"));
	}

	private static String firstLine(@Nullable String text) {
		return (text == null) ? "" : text.lines().findFirst().orElse("").strip();
	}

	/** Builds Java values (numbers, booleans, strings, lists) from scalar and sequence nodes. */
	private static final class Values extends SafeConstructor {

		Values() {
			super(new LoaderOptions());
		}

		@Nullable Object value(Node node) {
			return constructObject(node);
		}

	}

	/** The state of reading one file. */
	private static final class Reading {

		private final Path file;

		private final Map<String, String> env;

		private final Values values = new Values();

		Reading(Path file, Map<String, String> env) {
			this.file = file;
			this.env = env;
		}

		JobDefinition definition(@Nullable Node root) {
			if (root == null) {
				throw new JobDefinitionException(this.file + ":1: the file is empty; a job needs at least 'repositories'");
			}
			Map<String, NodeTuple> top = mapping(root, "", TOP_KEYS);
			String stem = this.file.getFileName().toString().replaceFirst("\\.(yaml|yml)$", "");
			String name = top.containsKey("name") ? string(value(top, "name"), "name") : stem;
			if (!NAME.matcher(name).matches()) {
				throw error(top.containsKey("name") ? value(top, "name") : root, "name", "'" + name
						+ "' is not a valid job name (letters, digits, '.', '_', '-'; starting with a letter or digit)");
			}
			JobDefinition.Schedule schedule = top.containsKey("schedule") ? schedule(value(top, "schedule")) : null;
			JobDefinition.Database database = top.containsKey("database") ? database(value(top, "database"))
					: new JobDefinition.Database("", "", "");
			if (!top.containsKey("repositories")) {
				throw error(root, "repositories", "missing: a job needs a list of repositories (each with a 'path')");
			}
			List<JobDefinition.Repository> repositories = repositories(value(top, "repositories"));
			Integer threads = null;
			if (top.containsKey("threads")) {
				Node node = value(top, "threads");
				Object value = scalar(node, "threads");
				if (!(value instanceof Integer i) || i < 1) {
					throw error(node, "threads", "must be a whole number of at least 1, was '" + value + "'");
				}
				threads = i;
			}
			Map<String, Object> options = top.containsKey("options") ? options(value(top, "options"), threads != null)
					: Map.of();
			return new JobDefinition(name, this.file, schedule, database, repositories, threads, options);
		}

		private JobDefinition.Schedule schedule(Node node) {
			Node cronNode;
			ZoneId zone = ZoneId.systemDefault();
			if (node instanceof ScalarNode) {
				cronNode = node;
			}
			else {
				Map<String, NodeTuple> map = mapping(node, "schedule", SCHEDULE_KEYS);
				if (!map.containsKey("cron")) {
					throw error(node, "schedule.cron", "missing: a cron expression such as '0 30 2 * * *' (02:30 every day)");
				}
				cronNode = value(map, "cron");
				if (map.containsKey("zone")) {
					Node zoneNode = value(map, "zone");
					String zoneId = string(zoneNode, "schedule.zone");
					try {
						zone = ZoneId.of(zoneId);
					}
					catch (DateTimeException ex) {
						throw error(zoneNode, "schedule.zone", "unknown time zone '" + zoneId
								+ "' (a region such as Europe/Berlin or America/New_York, or UTC)");
					}
				}
			}
			String key = (node instanceof ScalarNode) ? "schedule" : "schedule.cron";
			String cron = string(cronNode, key);
			try {
				CronExpression.parse(cron);
			}
			catch (IllegalArgumentException ex) {
				throw error(cronNode, key, "'" + cron + "' is not a valid cron expression: " + firstLine(ex.getMessage())
						+ "; six fields: second minute hour day-of-month month day-of-week, e.g. '0 30 2 * * *'");
			}
			return new JobDefinition.Schedule(cron, zone);
		}

		private JobDefinition.Database database(Node node) {
			Map<String, NodeTuple> map = mapping(node, "database", DATABASE_KEYS);
			String url = map.containsKey("url") ? expand(value(map, "url"), "database.url") : "";
			if (!url.isBlank() && !url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
				throw error(value(map, "url"), "database.url", "must be a jdbc:h2: or jdbc:postgresql: URL, was '" + url + "'");
			}
			String user = map.containsKey("user") ? expand(value(map, "user"), "database.user") : "";
			String password = map.containsKey("password") ? expand(value(map, "password"), "database.password") : "";
			return new JobDefinition.Database(url, user, password);
		}

		/** A string in which {@code ${NAME}} is replaced by the environment variable NAME. */
		private String expand(Node node, String key) {
			String text = string(node, key);
			Matcher matcher = VARIABLE.matcher(text);
			StringBuilder result = new StringBuilder();
			while (matcher.find()) {
				String value = this.env.get(matcher.group(1));
				if (value == null) {
					throw error(node, key, "environment variable " + matcher.group(1) + " is not set");
				}
				matcher.appendReplacement(result, Matcher.quoteReplacement(value));
			}
			matcher.appendTail(result);
			return result.toString();
		}

		private List<JobDefinition.Repository> repositories(Node node) {
			if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
				throw error(node, "repositories", "must be a non-empty list of repositories (each with a 'path')");
			}
			List<JobDefinition.Repository> repositories = new ArrayList<>();
			Map<String, Node> names = new HashMap<>();
			for (int i = 0; i < sequence.getValue().size(); i++) {
				Node item = sequence.getValue().get(i);
				String key = "repositories[" + i + "]";
				Map<String, NodeTuple> map = mapping(item, key, REPOSITORY_KEYS);
				if (!map.containsKey("path")) {
					throw error(item, key + ".path", "missing: the repository's root directory");
				}
				Node pathNode = value(map, "path");
				String pathText = string(pathNode, key + ".path");
				if (pathText.isBlank()) {
					throw error(pathNode, key + ".path", "must not be empty");
				}
				Path path = Path.of(pathText);
				if (!path.isAbsolute()) {
					Path base = this.file.toAbsolutePath().getParent();
					path = (base != null) ? base.resolve(path) : path.toAbsolutePath();
				}
				path = path.normalize();
				Node nameNode = map.containsKey("name") ? value(map, "name") : pathNode;
				String name = map.containsKey("name") ? string(nameNode, key + ".name")
						: (path.getFileName() != null) ? path.getFileName().toString() : "";
				if (name.isBlank()) {
					throw error(nameNode, key + ".name", "must not be empty");
				}
				Node previous = names.putIfAbsent(name, nameNode);
				if (previous != null) {
					throw error(nameNode, key + ".name", "duplicate repository name '" + name + "' (also at line "
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
				globs.add(string(node, key));
			}
			else if (node instanceof SequenceNode sequence) {
				for (Node item : sequence.getValue()) {
					globs.add(string(item, key));
				}
			}
			else {
				throw error(node, key, "must be a glob or a list of globs");
			}
			for (int i = 0; i < globs.size(); i++) {
				if (globs.get(i).isBlank()) {
					throw error(node, key, "globs must not be empty");
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
				Node at = nodes.get(key);
				if (key.startsWith("database.")) {
					throw error(at, "options." + key, "set the database in the job's 'database' section");
				}
				if (hasThreads && key.equals(SettingKey.PARALLEL_WORKERS.key())) {
					throw error(at, "options." + key, "the job sets 'threads' already; set one of them");
				}
				Map<String, Object> single = new HashMap<>();
				single.put(key, option.getValue());
				try {
					ChunkerSettings.validate(single, "options");
				}
				catch (SettingsException ex) {
					throw error(at, "options." + key, ex.getMessage());
				}
			}
			try {
				ChunkerSettings.validate(options, "options");
			}
			catch (SettingsException ex) {
				throw error(node, "options", ex.getMessage());
			}
			return options;
		}

		private void flatten(Node node, String prefix, Map<String, Object> options, Map<String, Node> nodes) {
			String where = prefix.isEmpty() ? "options" : "options." + prefix.substring(0, prefix.length() - 1);
			Map<String, NodeTuple> map = mapping(node, where, null);
			for (Map.Entry<String, NodeTuple> entry : map.entrySet()) {
				String key = prefix + entry.getKey();
				Node value = entry.getValue().getValueNode();
				if (value instanceof MappingNode) {
					flatten(value, key + ".", options, nodes);
					continue;
				}
				if (options.containsKey(key)) {
					throw error(entry.getValue().getKeyNode(), "options." + key, "set twice (dotted and nested)");
				}
				Object constructed = this.values.value(value);
				if (constructed == null) {
					throw error(value, "options." + key, "has no value");
				}
				options.put(key, constructed);
				nodes.put(key, value);
			}
		}

		/** A mapping's entries by key; duplicate and (when {@code allowed} is given) unknown keys are errors. */
		private Map<String, NodeTuple> mapping(Node node, String where, @Nullable List<String> allowed) {
			if (!(node instanceof MappingNode mapping)) {
				throw error(node, where.isEmpty() ? "(top level)" : where,
						"expected a mapping of keys" + ((allowed != null) ? " (" + String.join(", ", allowed) + ")" : ""));
			}
			Map<String, NodeTuple> entries = new LinkedHashMap<>();
			for (NodeTuple tuple : mapping.getValue()) {
				Node keyNode = tuple.getKeyNode();
				if (!(keyNode instanceof ScalarNode scalar)) {
					throw error(keyNode, where, "keys must be plain names");
				}
				String key = scalar.getValue();
				String path = where.isEmpty() ? key : where + "." + key;
				if (allowed != null && !allowed.contains(key)) {
					throw error(keyNode, path, "unknown key; " + (where.isEmpty() ? "a job" : where) + " takes "
							+ String.join(", ", allowed));
				}
				if (entries.putIfAbsent(key, tuple) != null) {
					throw error(keyNode, path, "duplicate key (also at line " + line(entries.get(key).getKeyNode()) + ")");
				}
			}
			return entries;
		}

		private static Node value(Map<String, NodeTuple> map, String key) {
			return map.get(key).getValueNode();
		}

		private @Nullable Object scalar(Node node, String key) {
			if (!(node instanceof ScalarNode)) {
				throw error(node, key, "expected a single value");
			}
			return this.values.value(node);
		}

		private String string(Node node, String key) {
			Object value = scalar(node, key);
			if (value == null) {
				throw error(node, key, "has no value");
			}
			if (value instanceof Map<?, ?> || value instanceof List<?>) {
				throw error(node, key, "expected a single value");
			}
			return (value instanceof String s) ? s : ((ScalarNode) node).getValue();
		}

		private static int line(Node node) {
			return node.getStartMark().getLine() + 1;
		}

		private JobDefinitionException error(Node node, String key, String message) {
			return new JobDefinitionException(this.file + ":" + line(node) + ": " + key + ": " + message);
		}

	}

}
