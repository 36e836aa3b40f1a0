-- What definitions declare (signature, parameters, return type, modifiers, annotations, doc) and the imports of
-- their files. Same on H2 and PostgreSQL.
--
-- chunks.metadata: JSON of the definition's signature, parameters, return type, modifiers and annotations, and its
-- doc as a byte span relative to the chunk's first byte (the doc is cut from the chunk's content when read, not
-- stored twice). NULL for chunks of languages without metadata rules, for the later parts of a split definition,
-- and for rows written before this migration (the next run re-chunks every file, since the rules changed, and fills
-- them in). return_type and has_doc repeat what queries filter on.
ALTER TABLE chunks ADD COLUMN metadata VARCHAR;
ALTER TABLE chunks ADD COLUMN return_type VARCHAR(1000);
ALTER TABLE chunks ADD COLUMN has_doc BOOLEAN DEFAULT FALSE NOT NULL;

-- The file's import statements as a JSON array, once per file rather than once per chunk.
ALTER TABLE files ADD COLUMN imports VARCHAR;

-- Windows by id: `chunker show --view packed ID` and the packed feed's "no file has this id any more".
CREATE INDEX windows_id_idx ON windows (window_id, repo_id);
