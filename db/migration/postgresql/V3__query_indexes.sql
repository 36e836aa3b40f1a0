-- The query side: full-text search, lookups by chunk id, parent and symbol, and the export order.
-- Keep in step with h2/V3__query_indexes.sql (same version; H2 searches text without an index, see docs/queries.md).

-- Words of a chunk for `chunker query --text` and `GET /api/chunks?q=`: its name and qualified name (weight A) and
-- its content (weight D), split at every character that is not a letter or digit, so snake_case parts, dotted
-- paths and operators become separate words ('simple' configuration: no stemming, no stop words, which suits
-- code). Content past 100,000 characters is not indexed: a tsvector is limited to 1 MB.
ALTER TABLE chunks ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', regexp_replace(coalesce(name, '') || ' ' || coalesce(qualified_name, ''),
        '[^[:alnum:]]+', ' ', 'g')), 'A')
    || setweight(to_tsvector('simple', regexp_replace(left(content, 100000), '[^[:alnum:]]+', ' ', 'g')), 'D')
) STORED;
CREATE INDEX chunks_search_idx ON chunks USING GIN (search_vector);

-- Chunk by id (the API and `chunker show` take an id without its repository), children of a chunk.
CREATE INDEX chunks_parent_idx ON chunks (repo_id, parent_chunk_id);

-- Symbols, equal or by prefix. On a prefix of the column: a b-tree entry is limited to about 2.7 kB.
CREATE INDEX chunks_name_idx ON chunks (left(name, 200) text_pattern_ops);
CREATE INDEX chunks_qualified_name_idx ON chunks (left(qualified_name, 200) text_pattern_ops);

-- Chunks of a file in position order (replaces the (repo_id, file_path) index): the export reads it in order.
DROP INDEX chunks_file_idx;
CREATE INDEX chunks_file_idx ON chunks (repo_id, file_path, byte_start);
