package dev.chunker.schedule;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The YAML node tree of one definition file, read with the file and line of every node at hand, so each error
 * names them and the key: {@code jobs/nightly.yaml:7: schedule.cron: ...}.
 */
final class DefinitionNodes {

	private final Path file;

	private final Values values = new Values();

	DefinitionNodes(Path file) {
		this.file = file;
	}

	Path file() {
		return this.file;
	}

	/** A mapping's entries by key; duplicate and (when {@code allowed} is given) unknown keys are errors. */
	Map<String, NodeTuple> mapping(Node node, String where, @Nullable List<String> allowed) {
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

	/** The value node of a key the caller knows is present. */
	static Node value(Map<String, NodeTuple> map, String key) {
		NodeTuple tuple = map.get(key);
		if (tuple == null) {
			throw new IllegalStateException("no key '" + key + "' in this mapping");
		}
		return tuple.getValueNode();
	}

	/** The Java value (number, boolean, string, list) of a node. */
	@Nullable Object constructed(Node node) {
		return this.values.value(node);
	}

	@Nullable Object scalar(Node node, String key) {
		if (!(node instanceof ScalarNode)) {
			throw error(node, key, "expected a single value");
		}
		return this.values.value(node);
	}

	String string(Node node, String key) {
		Object value = scalar(node, key);
		if (value == null) {
			throw error(node, key, "has no value");
		}
		if (value instanceof Map<?, ?> || value instanceof List<?>) {
			throw error(node, key, "expected a single value");
		}
		return (value instanceof String s) ? s : ((ScalarNode) node).getValue();
	}

	static int line(Node node) {
		return node.getStartMark().getLine() + 1;
	}

	JobDefinitionException error(Node node, String key, String message) {
		return new JobDefinitionException(this.file + ":" + line(node) + ": " + key + ": " + message);
	}

	/** The first line of a parser's message (they run on with context lines). */
	static String firstLine(@Nullable String text) {
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

}
