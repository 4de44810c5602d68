-- Baton audit database, version 5: each event row is keyed by one number,
--     event_key = run_no * 4294967296 + seq      (run_no numbers the runs of this database: 1, 2, 3 ...)
--
-- Why: H2 keeps a table whose primary key is one BIGINT column in a single tree ordered by that key. With the
-- two-column key (run_id, seq) it kept the rows in one tree and the key in a second one, and every commit rewrote the
-- changed pages of both: writing the events of a 20-agent run cost the writer about 30 % more CPU (measured with
-- AuditBenchmark), CPU it takes from the engine on a small machine. A run's events are still next to each other and
-- in order, now under one key range.
--
-- One run's events, in order (uses the key):
--   SELECT e.* FROM runs r JOIN events e
--       ON e.event_key BETWEEN r.run_no * 4294967296 AND r.run_no * 4294967296 + 4294967295
--   WHERE r.run_id = 'run-...' ORDER BY e.event_key;
-- SELECT * FROM events WHERE run_id = 'run-...' ORDER BY seq gives the same rows by reading the whole table.
--
-- No foreign keys now point at events (they needed the old two-column key) or from events to runs (H2 would add an
-- index on run_id for it): audit verify checks that every event belongs to a recorded run, and the hash chain covers
-- run_id and seq of every event as before.

ALTER TABLE runs ADD COLUMN run_no BIGINT;
MERGE INTO runs r
    USING (SELECT run_id, ROW_NUMBER() OVER (ORDER BY started_at, run_id) AS n FROM runs) x
    ON r.run_id = x.run_id
    WHEN MATCHED THEN UPDATE SET run_no = x.n;
ALTER TABLE runs ALTER COLUMN run_no SET NOT NULL;
CREATE UNIQUE INDEX runs_run_no ON runs (run_no);

CREATE TABLE events_keyed (
    event_key  BIGINT       NOT NULL PRIMARY KEY,
    run_id     VARCHAR(64)  NOT NULL,
    seq        BIGINT       NOT NULL,
    event_time TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    kind       VARCHAR(40)  NOT NULL,
    node_id    VARCHAR(200) NOT NULL,
    edge_id    VARCHAR(200) NOT NULL,
    payload    CHARACTER VARYING NOT NULL,
    hash       CHAR(64)     NOT NULL
);
INSERT INTO events_keyed (event_key, run_id, seq, event_time, kind, node_id, edge_id, payload, hash)
    SELECT r.run_no * 4294967296 + e.seq, e.run_id, e.seq, e.event_time, e.kind, e.node_id, e.edge_id, e.payload,
           e.hash
    FROM events e JOIN runs r ON r.run_id = e.run_id;
DROP TABLE events CASCADE;
ALTER TABLE events_keyed RENAME TO events;
