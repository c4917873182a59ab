-- Operator overrides of configuration file sections (web admin), one row per section. The effective
-- settings are the file's overlaid with these, key by key.
CREATE TABLE settings_override (
    section     TEXT PRIMARY KEY,     -- registrar, auth, nat, proxy, dns, relay, sip
    json        TEXT NOT NULL,        -- a JSON object of the overridden keys, as in the file
    changed_at  INTEGER NOT NULL      -- epoch milliseconds
);
