-- A display name per SIP account, for operators (the web admin shows and edits it; SIP never uses it).
ALTER TABLE sip_user ADD COLUMN display_name TEXT NOT NULL DEFAULT '';
