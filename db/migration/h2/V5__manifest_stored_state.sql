-- What the scan knew of a file's stored row, carried in its manifest row so a partition does not look it up again:
-- whether a row existed, and its content hash when equal content means nothing to re-chunk (indexed, same rules).
ALTER TABLE file_manifest ADD COLUMN was_stored BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE file_manifest ADD COLUMN reusable_hash CHAR(40);
