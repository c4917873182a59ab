-- The PSTN tables SQLite reached with V1-V4, in one script (the adapter's switch is in the core's plugin_switch).
-- Trunk and span changes notify natterjack_tables, so every gateway hears of them at once.
CREATE TABLE pstn_trunk (
    name            TEXT PRIMARY KEY,
    type            TEXT NOT NULL,
    dahdi_group     INTEGER NOT NULL DEFAULT 0,
    peer            TEXT,
    presentation    TEXT NOT NULL DEFAULT 'allowed',
    caller_id       TEXT,
    failover        TEXT,
    description     TEXT NOT NULL DEFAULT '',
    inbound_number  TEXT
);

CREATE TABLE pstn_span (
    number         INTEGER PRIMARY KEY,
    trunk          TEXT NOT NULL,
    line_type      TEXT NOT NULL,
    first_channel  INTEGER NOT NULL,
    channels       INTEGER NOT NULL,
    timing         INTEGER NOT NULL,
    lbo            INTEGER NOT NULL,
    framing        TEXT NOT NULL,
    coding         TEXT NOT NULL,
    crc4           INTEGER NOT NULL,
    signalling     TEXT NOT NULL,
    switchtype     TEXT NOT NULL,
    echo_canceller TEXT NOT NULL
);

CREATE TRIGGER pstn_trunk_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pstn_trunk
    FOR EACH STATEMENT EXECUTE FUNCTION natterjack_table_changed();
CREATE TRIGGER pstn_span_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pstn_span
    FOR EACH STATEMENT EXECUTE FUNCTION natterjack_table_changed();
