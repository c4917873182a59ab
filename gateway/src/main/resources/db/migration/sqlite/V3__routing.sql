-- The routing table: ordered rules on the Request-URI user (a number or name), first match wins.
CREATE TABLE route_rule (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    position          INTEGER NOT NULL,           -- evaluation order, lowest first
    match_prefix      TEXT,                       -- exactly one of match_prefix / match_regex
    match_regex       TEXT,
    source            TEXT,                       -- optional address block the request must come from
    strip             INTEGER NOT NULL DEFAULT 0, -- digits removed from the front
    add_prefix        TEXT NOT NULL DEFAULT '',   -- then prepended
    replace_regex     TEXT,                       -- then, if set, regex replacement on the result
    replace_with      TEXT,
    destination       TEXT NOT NULL,              -- user:NAME | hop:HOST:PORT[;transport=T] | reject:CODE | redirect:NAME
    failover          INTEGER NOT NULL DEFAULT 0, -- 1: on 408/5xx try the next matching rule
    description       TEXT NOT NULL DEFAULT '',
    CHECK ((match_prefix IS NULL) <> (match_regex IS NULL))
);
CREATE INDEX route_rule_position ON route_rule (position, id);
