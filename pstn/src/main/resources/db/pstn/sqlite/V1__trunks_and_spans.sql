-- PSTN trunks (telephone lines behind Asterisk) and the DAHDI spans that carry them (pstn plug-in).
CREATE TABLE pstn_trunk (
    name          TEXT PRIMARY KEY,              -- lower-case word, as in trunk:NAME routes
    type          TEXT NOT NULL,                 -- dahdi | sip-peer (sip-peer: a test stand-in for the PSTN)
    dahdi_group   INTEGER NOT NULL DEFAULT 0,    -- dahdi: the channels' group, dialled as DAHDI/gN
    peer          TEXT,                          -- sip-peer: IP:PORT
    presentation  TEXT NOT NULL DEFAULT 'allowed', -- allowed | restricted
    caller_id     TEXT,                          -- number presented instead of the caller's, if set
    failover      TEXT,                          -- trunk that takes calls when this one is down or congested
    description   TEXT NOT NULL DEFAULT ''
);

CREATE TABLE pstn_span (
    number         INTEGER PRIMARY KEY,          -- DAHDI span number
    trunk          TEXT NOT NULL,                -- a dahdi trunk
    line_type      TEXT NOT NULL,                -- e1 | t1 | fxo | fxs
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
