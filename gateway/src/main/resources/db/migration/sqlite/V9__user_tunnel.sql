-- Per-account: 1 = the user may log in to the tunnel (natterjack agent), 0 = refused there (SIP as usual).
ALTER TABLE sip_user ADD COLUMN tunnel_allowed INTEGER NOT NULL DEFAULT 1;
