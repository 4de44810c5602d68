-- Baton audit database, version 2: long texts are stored once, content-addressed, instead of in every row.
--
-- Why: a FULL context repeats every earlier output, so a chain of n agents wrote O(n^2) text (each AgentStarted.input,
-- ContextPassed.context and model prompt carried the whole history). Now a text of 256 characters or more is cut into
-- chunks at paragraph breaks (a chunk ends before a blank line once it holds 32 characters, or at 16,384); each
-- chunk is stored once, and a text that begins with a stored text (the history one output ago) stores only the
-- chunks it adds. A chain of n agents now stores O(n) rows for its contexts.
--
--   chunk hash = SHA-256 of the chunk's UTF-8 bytes, lower-case hex:
--                  LOWER(RAWTOHEX(HASH('SHA-256', STRINGTOUTF8(body))))
--   text hash  = h(m) for a text of chunks 1..m, where h(0) = '' and
--                  h(j) = LOWER(RAWTOHEX(HASH('SHA-256', STRINGTOUTF8(h(j-1) || chunk_hash(j)))))
--                so every prefix of a text has a hash of its own, and a text that extends another continues its hash.
--
-- Rows are numbered by the writer (ids only grow), and no table has an index on a hash: inserting random keys into
-- an index made H2 rewrite most of the index's pages at every commit (a quarter of the insert rate, measured). The
-- writer remembers recent hashes instead; after a restart a chunk may be stored twice, which changes nothing.
--
-- Where rows refer to texts:
--   events.payload   a payload may end with "$texts": {"<JSON pointer>": <text id>, ...}, e.g. {"/input": 17}; the
--                    value at each pointer is that text's hash. The event hash chain covers the payload as stored,
--                    so it covers the text hashes, and they cover the chunks: audit verify checks all three.
--   handoffs         context (short) or context_text (a text id)
--   model_calls      prompt: JSON array of {role, name, text} messages, a long text as "text_id" instead of "text";
--                    response (short) or response_text (a text id)
-- Rows written by version 1 keep their texts inline and read as before.
--
-- Read one text:
--   WITH RECURSIVE l (id) AS (SELECT CAST(<text id> AS BIGINT)
--       UNION ALL SELECT t.extends_id FROM texts t JOIN l ON t.id = l.id WHERE t.extends_id IS NOT NULL)
--   SELECT LISTAGG(c.body, '') WITHIN GROUP (ORDER BY p.pos) FROM l
--   JOIN text_parts p ON p.text_id = l.id JOIN text_chunks c ON c.id = p.chunk_id;
-- or SELECT body FROM text_bodies WHERE id = <text id> (simpler; it reassembles every text first).

CREATE TABLE text_chunks (
    id   BIGINT            NOT NULL PRIMARY KEY,
    hash CHAR(64)          NOT NULL,
    body CHARACTER VARYING NOT NULL
);

-- One row per stored text. No foreign keys here or below: checking them per insert costs the writer, and audit
-- verify checks every link.
CREATE TABLE texts (
    id         BIGINT   NOT NULL PRIMARY KEY,
    hash       CHAR(64) NOT NULL,
    extends_id BIGINT,            -- the stored text this one begins with, or NULL
    chunks     INT      NOT NULL  -- how many chunks the whole text has
);

-- The chunks a text adds to the text it extends; pos counts from 0 over the whole text.
CREATE TABLE text_parts (
    text_id  BIGINT NOT NULL,
    pos      INT    NOT NULL,
    chunk_id BIGINT NOT NULL,
    PRIMARY KEY (text_id, pos)
);

-- Every stored text, reassembled.
CREATE VIEW text_bodies (id, hash, body) AS
    WITH RECURSIVE lineage (text_id, ancestor) AS (
        SELECT id, id FROM texts
        UNION ALL
        SELECT l.text_id, t.extends_id FROM lineage l JOIN texts t ON t.id = l.ancestor
        WHERE t.extends_id IS NOT NULL)
    SELECT l.text_id, (SELECT hash FROM texts WHERE id = l.text_id), LISTAGG(c.body, '') WITHIN GROUP (ORDER BY p.pos)
    FROM lineage l JOIN text_parts p ON p.text_id = l.ancestor JOIN text_chunks c ON c.id = p.chunk_id
    GROUP BY l.text_id;

ALTER TABLE handoffs ADD COLUMN context_text BIGINT;
ALTER TABLE model_calls ADD COLUMN response_text BIGINT;
