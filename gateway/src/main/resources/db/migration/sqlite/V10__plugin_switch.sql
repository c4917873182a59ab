-- An operator's choice, from the web admin, to run a plug-in's part (the PSTN adapter, the tunnel) or not; once
-- made it wins over plugins.NAME.enabled in the configuration file. It belongs to this host, so it is not part
-- of the configuration backup. A release without this migration ignores it.
CREATE TABLE plugin_switch (
    plugin      TEXT PRIMARY KEY,                -- the plug-in's name: pstn, tunnel
    enabled     INTEGER NOT NULL,                -- 1: on, 0: off
    changed_by  TEXT NOT NULL,                   -- the web admin account that switched it
    changed_at  TEXT NOT NULL                    -- ISO-8601 instant
);
