-- Plain tool calls of agents (issue 14), derived from ToolCallRequested / ToolCallFinished events and checked by
-- audit verify like handoffs, decisions and model calls. One row per finished call, at its ToolCallFinished event.
CREATE TABLE tool_calls (
    run_id         VARCHAR(64)   NOT NULL,
    seq            BIGINT        NOT NULL,   -- the ToolCallFinished event
    request_seq    BIGINT        NOT NULL,   -- the ToolCallRequested event (seq when the writer saw none)
    agent          VARCHAR(200)  NOT NULL,
    call_id        VARCHAR(200)  NOT NULL,
    tool           VARCHAR(200)  NOT NULL,
    server         VARCHAR(200)  NOT NULL,
    arguments      CHARACTER VARYING,
    arguments_text BIGINT,                   -- long arguments: the stored text's id
    error          BOOLEAN       NOT NULL,
    result         CHARACTER VARYING,
    result_text    BIGINT,                   -- a long result: the stored text's id
    duration_ms    BIGINT        NOT NULL,
    bytes          BIGINT        NOT NULL,
    truncated      BOOLEAN       NOT NULL,
    PRIMARY KEY (run_id, seq)
);
CREATE INDEX tool_calls_run_agent ON tool_calls (run_id, agent);
