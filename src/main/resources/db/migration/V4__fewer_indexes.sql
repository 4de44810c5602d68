-- Baton audit database, version 4: secondary indexes that no query of Baton's uses are dropped.
--
-- Why: every index is a tree of its own, and each commit makes H2 rewrite the changed pages of every tree the batch
-- touched. Without these six, the writer spends about a quarter less CPU per run (AuditBenchmark), CPU that it
-- otherwise takes from the engine's threads on a small machine.
--
-- What still serves each query:
--   one run's events, handoffs, decisions or model calls, in order   the primary keys (run_id, seq)
--   runs page by page, by flow, by status                             runs_started, runs_flow_started, runs_status_started
--   per-agent statistics of one run                                  model_calls' primary key (run_id, seq), then a sort
--   per-agent statistics of all runs, handoffs by agent              a scan of the table (an auditor's ad-hoc query)

DROP INDEX IF EXISTS handoffs_from;
DROP INDEX IF EXISTS handoffs_to;
DROP INDEX IF EXISTS decisions_node;
DROP INDEX IF EXISTS decisions_run_kind;
DROP INDEX IF EXISTS model_calls_agent;
DROP INDEX IF EXISTS model_calls_run_agent;
