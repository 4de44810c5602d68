-- Baton audit database, version 6: a view that gives an auditor one run's events by run id, through the key.
--
-- Why: since version 5 the events are keyed by one number (event_key = run_no * 4294967296 + seq) and there is no
-- index on events.run_id (it cost the writer a second tree per commit). The natural query
--   SELECT * FROM events WHERE run_id = 'run-...'
-- therefore reads the whole table (0.7 s for 228,629 events, cold). Through this view the same question finds the run
-- by its primary key and then reads only that run's key range (7 ms on the same database):
--   SELECT * FROM run_events WHERE run_id = 'run-...' ORDER BY seq;
-- Nothing is stored twice: a view is only a query. Payload texts stay as stored (see version 2: "$texts" pointers,
-- text_bodies for the texts themselves).

CREATE VIEW run_events (run_id, seq, event_time, kind, node_id, edge_id, payload, hash, event_key) AS
    SELECT r.run_id, e.seq, e.event_time, e.kind, e.node_id, e.edge_id, e.payload, e.hash, e.event_key
    FROM runs r
    JOIN events e ON e.event_key BETWEEN r.run_no * 4294967296 AND r.run_no * 4294967296 + 4294967295;
