package dev.chunker.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The five tools: their names, descriptions and JSON input schemas, and the bounds of their results (documented in
 * docs/mcp.md).
 */
final class ToolCatalog {

	/** Results per {@code search_code} page by default, and at most. */
	static final int SEARCH_DEFAULT = 10;

	static final int SEARCH_MAX = 50;

	/** A search result's excerpt: at most this many lines of the chunk's content, and at most this many characters. */
	static final int EXCERPT_LINES = 20;

	static final int EXCERPT_CHARS = 1500;

	/** Children listed by {@code get_chunk}, and entries of a {@code file_outline}, at most. */
	static final int CHILDREN_MAX = 200;

	static final int OUTLINE_MAX = 2000;

	/** Changes per {@code changes_since} page by default, and at most. */
	static final int CHANGES_DEFAULT = 100;

	static final int CHANGES_MAX = 500;

	/** Repositories listed by {@code list_repositories}, at most. */
	static final int REPOSITORIES_MAX = 1000;

	static final long MAX_OFFSET = 100_000_000L;

	/**
	 * One tool.
	 * @param name its name
	 * @param title a short title for people
	 * @param description what it does and returns, for the assistant
	 * @param inputSchema the JSON schema of its arguments
	 */
	record Tool(String name, String title, String description, Map<String, Object> inputSchema) {

		/** The argument names the schema declares. */
		java.util.Set<String> arguments() {
			@SuppressWarnings("unchecked")
			Map<String, Object> properties = (Map<String, Object>) java.util.Objects.requireNonNull(
					this.inputSchema.get("properties"), "a tool schema has properties");
			return properties.keySet();
		}

	}

	static final Tool SEARCH_CODE = new Tool("search_code", "Search the code index",
			"Search the indexed code chunks (functions, classes, methods, ...) of every repository. All given conditions "
					+ "must hold; give at least one. 'text' ranks results by relevance, otherwise they come by repository, "
					+ "path and position. Each result has repository, path, start_line/end_line, node_type, name, "
					+ "qualified_name, chunk_id and an excerpt of at most " + EXCERPT_LINES + " lines / " + EXCERPT_CHARS
					+ " characters (excerpt_truncated tells whether content was cut); call get_chunk with the chunk_id "
					+ "for the whole content. Paged: total, and next_offset when there are more.",
			schema(Map.of(
					"text", property("string", "Words that must all occur in the name or content; 'word*' is a prefix. Ranked."),
					"symbol", property("string", "A name or qualified name, exactly (parse, json.decoder.JSONDecoder.decode), or a prefix ending in '*' (JSONDecoder.*)."),
					"path", property("string", "Only files matching this glob (*, **, ?, [abc], {a,b}); without '/' it matches the file name at any depth (*.py)."),
					"language", property("string", "Only this language id, such as python, java, typescript."),
					"node_type", property("string", "Only this tree-sitter node type, such as function_definition or class_declaration."),
					"repository", property("string", "Only this repository (see list_repositories)."),
					"limit", integer("Results per page, 1 to " + SEARCH_MAX + " (default " + SEARCH_DEFAULT + ").", 1, SEARCH_MAX),
					"offset", integer("Results to skip, for the next page (default 0).", 0, MAX_OFFSET)), List.of()));

	static final Tool GET_CHUNK = new Tool("get_chunk", "Get one chunk",
			"One chunk by its id (from search_code, file_outline or changes_since): its full content, repository, path, "
					+ "lines, node_type and names, its enclosing chunks (parents, nearest first) and the chunks it directly "
					+ "encloses (children, by position, at most " + CHILDREN_MAX + "; children_total counts all), each "
					+ "with chunk_id, node_type, name, qualified_name and lines.",
			schema(Map.of(
					"chunk_id", property("string", "The chunk id (40 hexadecimal digits), or a unique prefix of at least 4."),
					"repository", property("string", "The repository, needed only when the id is in more than one.")),
					List.of("chunk_id")));

	static final Tool FILE_OUTLINE = new Tool("file_outline", "Outline of a file",
			"The definition tree of one indexed file, without content: each entry has chunk_id, node_type, name, "
					+ "qualified_name, start_line, end_line and its nested entries (children). At most " + OUTLINE_MAX
					+ " entries (truncated tells whether more exist). Use get_chunk on an entry for its content.",
			schema(Map.of(
					"path", property("string", "The file's path relative to its repository root, exactly as search_code reports it."),
					"repository", property("string", "The repository, needed only when more than one holds this path.")),
					List.of("path")));

	static final Tool LIST_REPOSITORIES = new Tool("list_repositories", "List the indexed repositories",
			"Every indexed repository by name: root_path (where it was indexed from), last_run_id and last_run_status "
					+ "(COMPLETED, FAILED, ...), with the last run's start and end, and the files and chunks stored. At most "
					+ REPOSITORIES_MAX + ".",
			schema(Map.of(), List.of()));

	static final Tool CHANGES_SINCE = new Tool("changes_since", "Changes since a run",
			"The change feed of one repository since a run id: chunk ids deleted (forget them) and added (read them "
					+ "with get_chunk) by later runs, deleted first, each with change, chunk_id, path and run_id, no content. "
					+ "Remember next_since and ask with it next time; 0 gives everything. Paged: added_total, "
					+ "deleted_total, and next_offset when there are more. With view 'packed', the packed view's windows "
					+ "instead (window_id; added ones with lines, token_count, header and an excerpt of their content).",
			schema(Map.of(
					"repository", property("string", "The repository (see list_repositories)."),
					"view", property("string", "definitions (default: chunks) or packed (the packed view's windows)."),
					"since", integer("The last run id already seen (0 for everything).", 0, Long.MAX_VALUE),
					"limit", integer("Changes per page, 1 to " + CHANGES_MAX + " (default " + CHANGES_DEFAULT + ").", 1, CHANGES_MAX),
					"offset", integer("Changes to skip, for the next page (default 0).", 0, MAX_OFFSET)),
					List.of("repository", "since")));

	static final List<Tool> ALL = List.of(SEARCH_CODE, GET_CHUNK, FILE_OUTLINE, LIST_REPOSITORIES, CHANGES_SINCE);

	private ToolCatalog() {
	}

	private static Map<String, Object> schema(Map<String, Object> properties, List<String> required) {
		Map<String, Object> schema = new LinkedHashMap<>();
		schema.put("type", "object");
		schema.put("properties", new java.util.TreeMap<>(properties));
		if (!required.isEmpty()) {
			schema.put("required", required);
		}
		schema.put("additionalProperties", false);
		return schema;
	}

	private static Map<String, Object> property(String type, String description) {
		return Map.of("type", type, "description", description);
	}

	private static Map<String, Object> integer(String description, long minimum, long maximum) {
		Map<String, Object> property = new LinkedHashMap<>();
		property.put("type", "integer");
		property.put("description", description);
		property.put("minimum", minimum);
		if (maximum != Long.MAX_VALUE) {
			property.put("maximum", maximum);
		}
		return property;
	}

}
