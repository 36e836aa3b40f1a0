-- The worker processes of remote partitioning, one row each while it runs: where it runs, how many partitions it
-- executes at once, which step executions it is executing now (comma-separated ids), and its last heartbeat on the
-- database's clock (so machines with skewed clocks agree). A STARTED partition held by no worker whose heartbeat is
-- fresh was left by a dead one: the worker its request is redelivered to takes it over. `chunker workers` lists them.
CREATE TABLE remote_workers (
    worker_id    VARCHAR(100)             NOT NULL PRIMARY KEY,
    host         VARCHAR(255)             NOT NULL,
    pid          BIGINT                   NOT NULL,
    threads      INT                      NOT NULL,
    queue        VARCHAR(255)             NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL,
    partitions   VARCHAR(4000)            NOT NULL,
    finished     BIGINT                   NOT NULL
);
