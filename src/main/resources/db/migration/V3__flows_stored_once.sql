-- Baton audit database, version 3: a flow's JSON is stored once, not in every run row.
--
-- Why: every run of a flow carried the same ~8 KB of canonical flow JSON in its runs row, and H2 writes a row again
-- whole when the run's final UPDATE lands, so each run paid for that JSON twice at commit. Now runs.flow_sha256 names
-- a row of flows (SHA-256 of the JSON's UTF-8 bytes, lower-case hex, as before), and runs.flow_json stays NULL.
-- Rows written before version 3 keep their flow_json inline (an audit database is not rewritten by an upgrade).
--
-- Read a run's flow in plain SQL:
--   SELECT flow_json FROM run_flows WHERE run_id = '<run id>';

CREATE TABLE flows (
    flow_sha256 CHAR(64)          NOT NULL PRIMARY KEY,
    flow_json   CHARACTER VARYING NOT NULL
);

-- Every run with its flow's JSON, wherever it is stored.
CREATE VIEW run_flows (run_id, flow_id, flow_sha256, flow_json) AS
    SELECT r.run_id, r.flow_id, r.flow_sha256, COALESCE(r.flow_json, f.flow_json)
    FROM runs r LEFT JOIN flows f ON f.flow_sha256 = r.flow_sha256;

-- The final output as a text reference (the RunFinished event already stored that text, so this adds no text rows):
-- output_text names it and output stays NULL when the output is long; a short output stays inline in output.
--   SELECT r.run_id, COALESCE(r.output, b.body) FROM runs r LEFT JOIN text_bodies b ON b.id = r.output_text;
ALTER TABLE runs ADD COLUMN output_text BIGINT;
