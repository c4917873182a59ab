-- The alarm history: each raising of a condition an operator must act on, and when it was cleared.
CREATE TABLE alarm (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    condition   TEXT NOT NULL,                   -- e.g. relay-ports, pstn.asterisk-link, pstn.span.2
    severity    TEXT NOT NULL,                   -- CRITICAL, MAJOR, MINOR, WARNING
    text        TEXT NOT NULL,
    raised_at   TEXT NOT NULL,                   -- ISO-8601 instant
    cleared_at  TEXT                             -- null while active
);
CREATE INDEX alarm_active ON alarm (condition, cleared_at);
