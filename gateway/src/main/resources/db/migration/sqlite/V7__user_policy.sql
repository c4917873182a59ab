-- Per-account settings: max_contacts 0 = registrar.max-contacts; nat_policy auto|always|never;
-- home_route a routing destination (e.g. trunk:out, user:bob) for calls while the account has no binding.
ALTER TABLE sip_user ADD COLUMN max_contacts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sip_user ADD COLUMN nat_policy TEXT NOT NULL DEFAULT 'auto';
ALTER TABLE sip_user ADD COLUMN home_route TEXT NOT NULL DEFAULT '';
