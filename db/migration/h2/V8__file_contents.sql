-- Chunks as spans over file content stored once (keep in step with postgresql/V8__file_contents.sql).
--
-- contents: the bytes of each file version, keyed by their SHA-1 (files.content_hash), shared by every file row of
-- any repository with the same bytes. A chunk's content is the slice [byte_start, byte_end) of its file's stored
-- content, decoded as UTF-8, so chunk rows carry no text.
CREATE TABLE contents (
    content_hash  CHAR(40)       NOT NULL PRIMARY KEY,
    size_bytes    BIGINT         NOT NULL,
    data          VARBINARY      NOT NULL
);

-- The content a file's chunk rows are spans of. NULL for a file indexed before this migration (its chunk rows still
-- hold their text, read as before) and for a file that never got chunks; the next run reads such a file again and
-- stores its content. The key keeps a content row alive while any file points at it: deleting an orphan that a
-- concurrent run has just started to use fails instead of leaving a dangling pointer.
ALTER TABLE files ADD COLUMN stored_content_hash CHAR(40);
ALTER TABLE files ADD CONSTRAINT files_stored_content_fk FOREIGN KEY (stored_content_hash) REFERENCES contents (content_hash);
CREATE INDEX files_stored_content_idx ON files (stored_content_hash);

-- Text of chunk rows written before this migration; NULL for rows written after it.
ALTER TABLE chunks ALTER COLUMN content SET NULL;
