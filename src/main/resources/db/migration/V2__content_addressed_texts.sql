-- Baton audit database, version 2: long texts are stored once, content-addressed, instead of in every row.
--
-- A FULL context repeats every earlier output, so a chain of n agents wrote O(n^2) text: each AgentStarted.input,
-- ContextPassed.context and model prompt carried the whole history. Now a text of 256 characters or more is cut into
-- chunks at paragraph breaks (a chunk ends before a blank line once it holds 128 characters, or at 16,384), each
-- chunk is stored once in text_chunks, and a text is the ordered list of its chunks in text_parts. A history that
-- grows by one output reuses all chunks of the shorter one.
--
--   chunk hash = SHA-256 of the chunk's UTF-8 bytes, lower-case hex:
--                LOWER(RAWTOHEX(HASH('SHA-256', STRINGTOUTF8(body))))
--   text hash  = SHA-256 of its chunk hashes (hex) concatenated in order, as UTF-8
--
-- Where rows refer to texts:
--   events.payload   a payload may end with "$texts": a list of JSON pointers (e.g. "/input", "/prompt/1/text")
--                    whose string values are text hashes; the hash chain covers the payload as stored, so the
--                    chain covers the text hashes, and they cover the chunks (audit verify checks both).
--   handoffs         context (short) or context_hash (long): exactly one is set
--   model_calls      prompt: JSON array of {role, name, text} messages, a long text given as text_hash instead;
--                    response (short) or response_hash (long)
-- Rows written by version 1 keep their texts inline and read as before.
--
-- Read a whole text:  SELECT body FROM texts WHERE hash = '...';

CREATE TABLE text_chunks (
    hash CHAR(64)          NOT NULL PRIMARY KEY,
    body CHARACTER VARYING NOT NULL
);

CREATE TABLE text_parts (
    text_hash  CHAR(64) NOT NULL,
    pos        INT      NOT NULL,   -- 0, 1, 2 ... in text order
    chunk_hash CHAR(64) NOT NULL,   -- no foreign key: checking it per insert costs the writer; audit verify checks it
    PRIMARY KEY (text_hash, pos)
);

-- Every stored text, reassembled.
CREATE VIEW texts (hash, body) AS
    SELECT p.text_hash, LISTAGG(c.body, '') WITHIN GROUP (ORDER BY p.pos)
    FROM text_parts p JOIN text_chunks c ON c.hash = p.chunk_hash
    GROUP BY p.text_hash;

ALTER TABLE handoffs ADD COLUMN context_hash CHAR(64);
ALTER TABLE model_calls ADD COLUMN response_hash CHAR(64);

-- Handoffs and model calls with their texts inline, whichever version wrote them.
CREATE VIEW handoffs_full AS
    SELECT h.run_id, h.seq, h.from_node, h.to_node, h.edge_id, h.reason, h.context_mode,
           COALESCE(h.context, (SELECT t.body FROM texts t WHERE t.hash = h.context_hash)) AS context,
           h.handoff_number
    FROM handoffs h;

CREATE VIEW model_calls_full AS
    SELECT m.run_id, m.seq, m.request_seq, m.agent, m.provider, m.model, m.turn, m.messages, m.prompt,
           COALESCE(m.response, (SELECT t.body FROM texts t WHERE t.hash = m.response_hash)) AS response,
           m.tool_calls, m.input_tokens, m.output_tokens, m.tokens_reported, m.latency_ms, m.cost_usd, m.error
    FROM model_calls m;
