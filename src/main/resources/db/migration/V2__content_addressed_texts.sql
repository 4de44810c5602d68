-- Baton audit database, version 2: long texts are stored once, content-addressed, instead of in every row.
--
-- Why: a FULL context repeats every earlier output, so a chain of n agents wrote O(n^2) text (each AgentStarted.input,
-- ContextPassed.context and model prompt carried the whole history). Now a text of 256 characters or more is cut into
-- chunks at paragraph breaks (a chunk ends before a blank line once it holds 128 characters, or at 16,384); each
-- chunk is stored once, and a text that begins with a stored text (the history one output ago) stores only the
-- chunks it adds. A chain of n agents now stores O(n) rows for its contexts.
--
--   chunk hash = SHA-256 of the chunk's UTF-8 bytes, lower-case hex:
--                  LOWER(RAWTOHEX(HASH('SHA-256', STRINGTOUTF8(body))))
--   text hash  = h(m) for a text of chunks 1..m, where h(0) = '' and
--                  h(j) = LOWER(RAWTOHEX(HASH('SHA-256', STRINGTOUTF8(h(j-1) || chunk_hash(j)))))
--                so every prefix of a text has a hash of its own, and a text that extends another continues its hash.
--
-- Where rows refer to texts:
--   events.payload   a payload may end with "$texts": the JSON pointers (e.g. "/input", "/prompt/1/text") of its
--                    values that are text hashes. The event hash chain covers the payload as stored, hence the text
--                    hashes, and they cover the chunks: audit verify checks all three.
--   handoffs         context (short) or context_hash (long)
--   model_calls      prompt: JSON array of {role, name, text} messages, a long text given as text_hash instead;
--                    response (short) or response_hash (long)
-- Rows written by version 1 keep their texts inline and read as before.
--
-- Read one text (fast):
--   WITH RECURSIVE l (hash) AS (SELECT CAST('<text hash>' AS CHAR(64))
--       UNION ALL SELECT t.extends_hash FROM texts t JOIN l ON t.hash = l.hash WHERE t.extends_hash IS NOT NULL)
--   SELECT LISTAGG(c.body, '') WITHIN GROUP (ORDER BY p.pos) FROM l
--   JOIN text_parts p ON p.text_hash = l.hash JOIN text_chunks c ON c.hash = p.chunk_hash;
-- or SELECT body FROM text_bodies WHERE hash = '<text hash>' (simpler; it reassembles every text first).

CREATE TABLE text_chunks (
    hash CHAR(64)          NOT NULL PRIMARY KEY,
    body CHARACTER VARYING NOT NULL
);

-- One row per stored text. No foreign keys here or below: checking them per insert costs the writer, and audit
-- verify checks every link.
CREATE TABLE texts (
    hash         CHAR(64) NOT NULL PRIMARY KEY,
    extends_hash CHAR(64),            -- the stored text this one begins with, or NULL
    chunks       INT      NOT NULL    -- how many chunks the whole text has
);

-- The chunks a text adds to the text it extends; pos counts from 0 over the whole text.
CREATE TABLE text_parts (
    text_hash  CHAR(64) NOT NULL,
    pos        INT      NOT NULL,
    chunk_hash CHAR(64) NOT NULL,
    PRIMARY KEY (text_hash, pos)
);

-- Every stored text, reassembled.
CREATE VIEW text_bodies (hash, body) AS
    WITH RECURSIVE lineage (text_hash, ancestor) AS (
        SELECT hash, hash FROM texts
        UNION ALL
        SELECT l.text_hash, t.extends_hash FROM lineage l JOIN texts t ON t.hash = l.ancestor
        WHERE t.extends_hash IS NOT NULL)
    SELECT l.text_hash, LISTAGG(c.body, '') WITHIN GROUP (ORDER BY p.pos)
    FROM lineage l JOIN text_parts p ON p.text_hash = l.ancestor JOIN text_chunks c ON c.hash = p.chunk_hash
    GROUP BY l.text_hash;

ALTER TABLE handoffs ADD COLUMN context_hash CHAR(64);
ALTER TABLE model_calls ADD COLUMN response_hash CHAR(64);
