-- What a later release might add: a new table and a new nullable column, the expand step of an
-- expand/contract change that an older release, run after a rollback, must ignore.
CREATE TABLE later_release_table (id INTEGER PRIMARY KEY, note TEXT);
ALTER TABLE sip_user ADD COLUMN later_release_column TEXT;
