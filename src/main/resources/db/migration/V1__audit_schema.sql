-- Baton audit database, version 1. Plain SQL so that auditors can read it with H2's Shell or Console (user sa).
-- Long texts are CHARACTER VARYING (up to 10^9 chars), not CLOB: H2 keeps CLOBs in a separate LOB store whose
-- per-row bookkeeping cost ~20x the insert rate (measured with the audit benchmark).

CREATE TABLE runs (
    run_id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    flow_id         VARCHAR(200)  NOT NULL,
    flow_name       VARCHAR(500)  NOT NULL,
    flow_json       CHARACTER VARYING,
    flow_sha256     CHAR(64),
    input           CHARACTER VARYING,
    output          CHARACTER VARYING,
    status          VARCHAR(20)   NOT NULL,   -- RUNNING, SUCCEEDED, FAILED, CANCELLED, LIMIT_REACHED, INTERRUPTED
    status_detail   CHARACTER VARYING,                     -- failure cause, or for INTERRUPTED the last event seen
    failed_node     VARCHAR(200),
    started_at      TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    ended_at        TIMESTAMP(9) WITH TIME ZONE,
    simulated       BOOLEAN       NOT NULL,
    providers       VARCHAR(2000) NOT NULL,   -- "provider/model" labels, comma separated
    input_tokens    BIGINT        NOT NULL DEFAULT 0,
    output_tokens   BIGINT        NOT NULL DEFAULT 0,
    model_calls     INT           NOT NULL DEFAULT 0,
    elapsed_ms      BIGINT,
    last_seq        BIGINT        NOT NULL DEFAULT 0,
    last_event_type VARCHAR(40)
);
CREATE INDEX runs_started ON runs (started_at DESC);
CREATE INDEX runs_flow_started ON runs (flow_id, started_at DESC);
CREATE INDEX runs_status_started ON runs (status, started_at DESC);

-- Every engine event. hash = SHA-256(previous row's hash || canonical content), per run (see AuditHashes).
CREATE TABLE events (
    run_id     VARCHAR(64)  NOT NULL,
    seq        BIGINT       NOT NULL,
    event_time TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    kind       VARCHAR(40)  NOT NULL,
    node_id    VARCHAR(200) NOT NULL,
    edge_id    VARCHAR(200) NOT NULL,
    payload    CHARACTER VARYING         NOT NULL,
    hash       CHAR(64)     NOT NULL,
    PRIMARY KEY (run_id, seq),
    FOREIGN KEY (run_id) REFERENCES runs (run_id)
);

CREATE TABLE handoffs (
    run_id         VARCHAR(64)  NOT NULL,
    seq            BIGINT       NOT NULL,
    from_node      VARCHAR(200) NOT NULL,
    to_node        VARCHAR(200) NOT NULL,
    edge_id        VARCHAR(200) NOT NULL,
    reason         CHARACTER VARYING,
    context_mode   VARCHAR(40),
    context        CHARACTER VARYING,
    handoff_number INT          NOT NULL,
    PRIMARY KEY (run_id, seq),
    FOREIGN KEY (run_id, seq) REFERENCES events (run_id, seq)
);
CREATE INDEX handoffs_from ON handoffs (from_node);
CREATE INDEX handoffs_to ON handoffs (to_node);

-- One row per model call; response is the streamed text when the model streamed (events carry no full reply).
CREATE TABLE model_calls (
    run_id        VARCHAR(64)  NOT NULL,
    seq           BIGINT       NOT NULL,   -- the ModelResponded event, or the failure that ended the call
    request_seq   BIGINT       NOT NULL,   -- the ModelRequested event
    agent         VARCHAR(200) NOT NULL,
    provider      VARCHAR(100),
    model         VARCHAR(200),
    turn          INT          NOT NULL,
    messages      INT          NOT NULL,
    prompt        CHARACTER VARYING,                    -- the input the agent was given for this activation
    response      CHARACTER VARYING,
    tool_calls    VARCHAR(2000),
    input_tokens  INT,
    output_tokens INT,
    tokens_reported BOOLEAN,
    latency_ms    BIGINT,
    cost_usd      DECIMAL(18, 8),          -- NULL when no price is known
    error         CHARACTER VARYING,
    PRIMARY KEY (run_id, seq),
    FOREIGN KEY (run_id) REFERENCES runs (run_id)
);
CREATE INDEX model_calls_agent ON model_calls (agent);
CREATE INDEX model_calls_run_agent ON model_calls (run_id, agent);

-- Supervisor delegations, judge decisions and critic verdicts.
CREATE TABLE decisions (
    run_id    VARCHAR(64)  NOT NULL,
    seq       BIGINT       NOT NULL,
    kind      VARCHAR(20)  NOT NULL,   -- DELEGATION, JUDGE, CRITIC_VERDICT
    node_id   VARCHAR(200) NOT NULL,   -- the supervisor, judge or critic
    subject   VARCHAR(200) NOT NULL,   -- the worker, the winner, the reviewed node
    outcome   VARCHAR(200) NOT NULL,   -- "delegated", the winner, "pass" or "fail"
    rationale CHARACTER VARYING,                    -- the instruction, the judge's rationale, the critic's feedback
    PRIMARY KEY (run_id, seq),
    FOREIGN KEY (run_id, seq) REFERENCES events (run_id, seq)
);
CREATE INDEX decisions_run_kind ON decisions (run_id, kind);
CREATE INDEX decisions_node ON decisions (node_id, kind);
