-- Keys the gateway generates for itself, kept so that what it signed stays valid across restarts
-- (e.g. the flow tokens in Record-Route headers of dialogs that outlive an upgrade).
CREATE TABLE gateway_secret (
    name        TEXT PRIMARY KEY,
    value       BLOB NOT NULL,
    created_at  TEXT NOT NULL
);
