-- What the scan knew of a file's stored row, carried in its manifest row so a partition does not look it up again:
-- whether a row existed, and its content hash when equal content means nothing to re-chunk (indexed, same rules).
ALTER TABLE file_manifest ADD COLUMN was_stored BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE file_manifest ADD COLUMN reusable_hash CHAR(40);

-- A run left unfinished before this migration resumes with what its files' rows say now (a file with a row is
-- changed, not new); without a reusable hash its files are chunked again, which leaves the same rows.
UPDATE file_manifest SET was_stored = TRUE WHERE EXISTS (SELECT 1 FROM runs r JOIN files f ON f.repo_id = r.repo_id
    WHERE r.run_id = file_manifest.run_id AND f.path = file_manifest.path);
