-- Baton audit database, version 9: a text row lists the chunks it adds itself (texts.parts), instead of one
-- text_parts row per chunk.
--
-- Why: H2 copies a tree page on every insert, so each row costs the writer about the same whatever it holds; a
-- 20-agent chain wrote ~104 text_parts rows of three numbers each, a third of all its rows. One array in the text
-- row instead: the writer's CPU per run -16 %, its allocation -30 % (AuditWriterCostSideBySide).
--
--   texts.parts   the ids of the chunks this text adds to the text it extends, in order (positions chunks - n ..
--                 chunks - 1 of the whole text, n = CARDINALITY(parts)); NULL for a text written before version 9,
--                 whose parts are rows of text_part_rows (the former text_parts table, renamed, rows unchanged).
--
-- text_parts is now a view over both, with the columns the table had, so every query written for it (and
-- text_bodies, recreated over it) reads the same; it reads every text, so for one text prefer
--   SELECT parts FROM texts WHERE id = <text id>.

DROP VIEW text_bodies;
ALTER TABLE text_parts RENAME TO text_part_rows;
ALTER TABLE texts ADD COLUMN parts BIGINT ARRAY;

CREATE VIEW text_parts (text_id, pos, chunk_id) AS
    WITH RECURSIVE listed (text_id, n, parts, chunks) AS (
        SELECT id, 1, parts, chunks FROM texts WHERE CARDINALITY(parts) > 0
        UNION ALL
        SELECT text_id, n + 1, parts, chunks FROM listed WHERE n < CARDINALITY(parts))
    SELECT text_id, pos, chunk_id FROM text_part_rows
    UNION ALL
    SELECT text_id, chunks - CARDINALITY(parts) + n - 1, parts[n] FROM listed;

-- Every stored text, reassembled (as in version 2).
CREATE VIEW text_bodies (id, hash, body) AS
    WITH RECURSIVE lineage (text_id, ancestor) AS (
        SELECT id, id FROM texts
        UNION ALL
        SELECT l.text_id, t.extends_id FROM lineage l JOIN texts t ON t.id = l.ancestor
        WHERE t.extends_id IS NOT NULL)
    SELECT l.text_id, (SELECT hash FROM texts WHERE id = l.text_id), LISTAGG(c.body, '') WITHIN GROUP (ORDER BY p.pos)
    FROM lineage l JOIN text_parts p ON p.text_id = l.ancestor JOIN text_chunks c ON c.id = p.chunk_id
    GROUP BY l.text_id;
