-- Ring groups: local users called together by a group:NAME route.
CREATE TABLE ring_group (
    name              TEXT PRIMARY KEY,           -- a lower-case word
    strategy          TEXT NOT NULL CHECK (strategy IN ('parallel', 'sequential')),
    ring_seconds      INTEGER NOT NULL            -- the whole group (parallel) or each member (sequential)
);
CREATE TABLE ring_group_member (
    group_name        TEXT NOT NULL REFERENCES ring_group (name) ON DELETE CASCADE,
    position          INTEGER NOT NULL,           -- calling order, from 0
    username          TEXT NOT NULL,              -- a sip_user name; unknown ones are skipped at call time
    PRIMARY KEY (group_name, position)
);
