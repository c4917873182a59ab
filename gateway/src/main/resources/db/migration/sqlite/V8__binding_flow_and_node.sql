-- A binding's flow in its own text form ('udp 203.0.113.5:40000 192.0.2.1:5060': kind, remote, local), so that
-- flows of kinds added later (tunnel sessions, ...) need no schema change, and the node that holds the flow.
-- The transport/received_*/local_* columns are still written: an older release, after a rollback, reads them.
-- A row that such a release wrote has no flow; it is read from those columns.
ALTER TABLE binding ADD COLUMN flow TEXT;
ALTER TABLE binding ADD COLUMN node TEXT NOT NULL DEFAULT 'local';
