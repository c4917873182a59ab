-- Web admin accounts; passwords only as Argon2id hashes (PHC strings).
CREATE TABLE admin_account (
    username       TEXT PRIMARY KEY,
    password_hash  TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('ADMIN', 'OPERATOR', 'MONITOR')),
    created_at     TEXT NOT NULL
);

-- API tokens for automation: only the SHA-256 of the (random) token is kept; it is shown once.
CREATE TABLE api_token (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL UNIQUE,
    token_hash  TEXT NOT NULL UNIQUE,
    role        TEXT NOT NULL CHECK (role IN ('ADMIN', 'OPERATOR', 'MONITOR')),
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- Every change made through the web admin or its API: who, when, what, old -> new (JSON).
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    target     TEXT NOT NULL,
    old_value  TEXT,
    new_value  TEXT
);
