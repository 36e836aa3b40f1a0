-- The packed view (docs/packed-view.md): windows that cover each file exactly, each within an embedding budget.
-- A window is a span [byte_start, byte_end) of its file's stored content (files.stored_content_hash), like a chunk.
-- window_id is content-addressed (its bytes and how it was cut), not positional: identical windows of one file
-- share an id, so the key is the position.
CREATE TABLE windows (
    repo_id       BIGINT        NOT NULL REFERENCES repositories (repo_id),
    file_path     VARCHAR(4000) NOT NULL,
    window_index  INT           NOT NULL,
    window_id     CHAR(40)      NOT NULL,
    language      VARCHAR(40)   NOT NULL,
    byte_start    INT           NOT NULL,
    byte_end      INT           NOT NULL,
    start_line    INT           NOT NULL,
    end_line      INT           NOT NULL,
    nws_size      INT           NOT NULL,
    token_count   INT           NOT NULL,
    budget        INT           NOT NULL,
    unit          VARCHAR(20)   NOT NULL,
    encoding      VARCHAR(40)   NOT NULL,
    algorithm     VARCHAR(40)   NOT NULL,
    over_budget   BOOLEAN       NOT NULL,
    header        VARCHAR       NOT NULL,
    run_id        BIGINT        NOT NULL,
    PRIMARY KEY (repo_id, file_path, window_index)
);
-- The added half of the packed change feed: windows written by runs after a given one.
CREATE INDEX windows_run_idx ON windows (repo_id, run_id);

-- Windows removed by a run (their id no longer produced by the file, or the file gone): the deleted half.
CREATE TABLE window_deletions (
    repo_id    BIGINT        NOT NULL,
    window_id  CHAR(40)      NOT NULL,
    file_path  VARCHAR(4000) NOT NULL,
    run_id     BIGINT        NOT NULL
);
CREATE INDEX window_deletions_run_idx ON window_deletions (repo_id, run_id);
