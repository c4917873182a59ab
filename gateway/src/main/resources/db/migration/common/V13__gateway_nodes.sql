-- The gateways that share this store, each one's heartbeat written from the database's own clock (so the nodes'
-- clocks need not agree). A node whose heartbeat is older than node.dead-after-seconds is dead: the others stop
-- offering its bindings. With the embedded store the table holds this one gateway.
CREATE TABLE gateway_node (
    name          TEXT PRIMARY KEY,
    sip_address   TEXT NOT NULL,               -- HOST:PORT where the other nodes send it SIP
    version       TEXT NOT NULL,               -- the release it runs
    started_ms    BIGINT NOT NULL,             -- epoch milliseconds
    heartbeat_ms  BIGINT NOT NULL,
    calls         INTEGER NOT NULL DEFAULT 0   -- calls in progress at the last heartbeat
);
CREATE INDEX binding_node ON binding (node);
