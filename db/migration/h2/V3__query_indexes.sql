-- The query side: lookups by chunk id, parent and symbol, and the export order.
-- Keep in step with postgresql/V3__query_indexes.sql. H2 has no text index here: `--text` / `q=` compare
-- lower-cased names and content with LIKE and rank in SQL (see docs/queries.md), which scans the chunks of the
-- repository; fine for the embedded database, PostgreSQL's tsvector index is for large indexes.

-- Chunk by id (the API and `chunker show` take an id without its repository), children of a chunk.
CREATE INDEX chunks_parent_idx ON chunks (repo_id, parent_chunk_id);

-- Symbols, equal or by prefix.
CREATE INDEX chunks_name_idx ON chunks (name);
CREATE INDEX chunks_qualified_name_idx ON chunks (qualified_name);

-- Chunks of a file in position order (replaces the (repo_id, file_path) index): the export reads it in order.
DROP INDEX chunks_file_idx;
CREATE INDEX chunks_file_idx ON chunks (repo_id, file_path, byte_start);
