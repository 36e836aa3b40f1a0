-- One run per repository at a time, across processes and machines: a lock row with its owner and a heartbeat.
-- A lock whose heartbeat is older than its time-to-live belongs to a dead process and may be taken over.
CREATE TABLE repository_locks (
    repo_name     VARCHAR(255)  NOT NULL PRIMARY KEY,
    owner         VARCHAR(255)  NOT NULL,
    acquired_at   TIMESTAMP     NOT NULL,
    heartbeat_at  TIMESTAMP     NOT NULL
);
