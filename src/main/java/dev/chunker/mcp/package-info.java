/**
 * The index for code assistants: the Model Context Protocol server over the query layer. {@link ToolCatalog} names
 * the five read-only tools and their input schemas, {@link IndexTools} answers them from the query services as plain
 * JSON-ready maps, and {@link McpEndpoint} is the one place that knows the MCP SDK (the stdio transport, and the
 * tool results with {@code isError}). Reads the database only, through {@code query}.
 */
@NullMarked
package dev.chunker.mcp;

import org.jspecify.annotations.NullMarked;
