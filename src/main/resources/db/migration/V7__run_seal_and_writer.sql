-- Baton audit database, version 7: several processes write one database, and each run row is sealed at its end.
--
-- writer: the process that records the run, as "<pid>@<process start, epoch ms>". Since version 7 every Baton
--   process (the designer, each `baton run`) opens the database only for the moment it writes a batch (AuditGate), so
--   a run stays RUNNING while its process lives, and a process killed with kill -9 leaves its run RUNNING with a writer
--   that is gone: readers show such a run as INTERRUPTED (without writing), and the next writer marks it so.
--
-- seal: SHA-256, lower-case hex, of the run's last event hash followed by the run row's own columns, written when the
--   run ends (or is marked INTERRUPTED). The event chain already covers every event; the seal covers what the runs row
--   says about them (status, times, totals, output), so that a changed ended_at or token count is found by
--   audit verify. The exact content is in AuditHashes.seal. Runs recorded before version 7 have no seal.

ALTER TABLE runs ADD COLUMN writer VARCHAR(100);
ALTER TABLE runs ADD COLUMN seal CHAR(64);
