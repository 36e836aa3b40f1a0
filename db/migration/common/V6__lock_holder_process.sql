-- Who holds a repository's lock, so that a lock left by a process that died on this very machine is taken over at
-- once instead of after the heartbeat's time-to-live: the holder's host name, pid and start time (which tells a
-- reused pid from the holder), the kernel boot and pid namespace in which that pid means something, and the start in
-- clock ticks since boot (exact, where the system gives it). On PostgreSQL the holder also keeps a session advisory
-- lock; advisory_server is the server's start time while it holds it, so that a free advisory lock on the same
-- server run proves the holder's session gone. Rows written before this migration have none of these: their lock
-- expires by its heartbeat as before.
ALTER TABLE repository_locks ADD COLUMN holder_host VARCHAR(255);
ALTER TABLE repository_locks ADD COLUMN holder_pid BIGINT;
ALTER TABLE repository_locks ADD COLUMN holder_started_at BIGINT;
ALTER TABLE repository_locks ADD COLUMN holder_machine VARCHAR(255);
ALTER TABLE repository_locks ADD COLUMN holder_start_ticks BIGINT;
ALTER TABLE repository_locks ADD COLUMN advisory_server VARCHAR(64);
