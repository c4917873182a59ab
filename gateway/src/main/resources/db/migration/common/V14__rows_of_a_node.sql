-- Rows that belong to one node of a shared store: its alarms (each node checks its own relay ports, disk, cards),
-- the calls it handled, and its operator's switches of plug-in parts (one node has the cards, another faces the
-- agents). A gateway alone is node 'local'.
ALTER TABLE alarm ADD COLUMN node TEXT NOT NULL DEFAULT 'local';
ALTER TABLE call_record ADD COLUMN node TEXT NOT NULL DEFAULT 'local';

-- plugin_switch is keyed by plug-in alone; it stays for an older release after a rollback (migrations only add).
CREATE TABLE node_switch (
    node        TEXT NOT NULL,
    plugin      TEXT NOT NULL,                   -- the plug-in's name: pstn, tunnel
    enabled     INTEGER NOT NULL,                -- 1: on, 0: off
    changed_by  TEXT NOT NULL,                   -- the web admin account that switched it
    changed_at  TEXT NOT NULL,                   -- ISO-8601 instant
    PRIMARY KEY (node, plugin)
);
INSERT INTO node_switch (node, plugin, enabled, changed_by, changed_at)
    SELECT 'local', plugin, enabled, changed_by, changed_at FROM plugin_switch;
