-- The operator's choice, from the web admin, to run the PSTN adapter or not; once made it wins over
-- plugins.pstn.enabled in the configuration file. One row at most. A release without this migration ignores it.
CREATE TABLE pstn_adapter_switch (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    enabled     INTEGER NOT NULL,                -- 1: on, 0: off
    changed_by  TEXT NOT NULL,                   -- the web admin account that switched it
    changed_at  TEXT NOT NULL                    -- ISO-8601 instant
);
