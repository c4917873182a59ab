-- SIP accounts. Passwords are never stored: only HA1 = H(user:realm:password) per digest algorithm.
CREATE TABLE sip_user (
    username    TEXT NOT NULL,
    domain      TEXT NOT NULL DEFAULT '',   -- '' = the account is valid in every local domain
    realm       TEXT NOT NULL,
    ha1_md5     TEXT NOT NULL,
    ha1_sha256  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (username, domain)
);

-- Registrar bindings, written behind the in-memory location service so a restart loses no client.
-- The contact as sent is kept apart from where the REGISTER really came from (received_*).
CREATE TABLE binding (
    aor               TEXT    NOT NULL,
    binding_key       TEXT    NOT NULL,
    contact           TEXT    NOT NULL,
    transport         TEXT    NOT NULL,
    received_address  TEXT    NOT NULL,
    received_port     INTEGER NOT NULL,
    local_address     TEXT    NOT NULL,
    local_port        INTEGER NOT NULL,
    nat               TEXT    NOT NULL,     -- comma-separated NatIndication names; '' = not behind NAT
    expires_at        INTEGER NOT NULL,     -- epoch milliseconds
    q                 INTEGER NOT NULL,     -- 0..1000
    call_id           TEXT    NOT NULL,
    cseq              INTEGER NOT NULL,
    instance_id       TEXT,
    reg_id            INTEGER,
    user_agent        TEXT    NOT NULL,
    first_seen        INTEGER NOT NULL,
    last_seen         INTEGER NOT NULL,
    PRIMARY KEY (aor, binding_key)
);
CREATE INDEX binding_expires ON binding (expires_at);
