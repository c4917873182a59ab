-- Call detail records: one row per call that reached the proxy, written in batches after the call ended.
-- Times are epoch milliseconds, so that ranges compare as numbers. Not part of the backup.
CREATE TABLE call_record (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    call_id         TEXT NOT NULL,
    started_ms      BIGINT NOT NULL,
    answered_ms     BIGINT,                      -- null: not answered
    ended_ms        BIGINT NOT NULL,
    caller          TEXT NOT NULL,               -- From user part
    dialled         TEXT NOT NULL,               -- Request-URI user part as received
    callee          TEXT NOT NULL,               -- after the rule's number manipulation; '' when not routed
    route           TEXT NOT NULL,               -- 'rule 12', 'home route', 'local user', ...
    destination     TEXT NOT NULL,               -- 'user:alice', 'trunk:pstn', 'group:sales', 'hop:...'
    status          INTEGER NOT NULL,            -- final SIP status to the caller
    reason          TEXT NOT NULL,
    q850            INTEGER,                     -- from a Reason: Q.850 header, if any
    outcome         TEXT NOT NULL,               -- answered, busy, no_answer, failed, cancelled
    hung_up_by      TEXT,                        -- CALLER, CALLEE, GATEWAY, UNKNOWN; null: not answered
    caller_nat      INTEGER NOT NULL,
    callee_nat      INTEGER NOT NULL,
    relayed         INTEGER NOT NULL,
    caller_latched  TEXT,
    callee_latched  TEXT,
    caller_packets  BIGINT,                      -- audio from the caller: null when not relayed
    caller_loss     REAL,                        -- percent
    caller_jitter   REAL,                        -- milliseconds
    callee_packets  BIGINT,
    callee_loss     REAL,
    callee_jitter   REAL,
    mos             REAL,                        -- E-model estimate of the worse direction
    one_way_audio   INTEGER NOT NULL,
    poor            INTEGER NOT NULL             -- MOS under 3.6 or one-way audio
);
CREATE INDEX call_record_started ON call_record (started_ms);
CREATE INDEX call_record_call_id ON call_record (call_id);
