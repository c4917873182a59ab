-- RFC 3327: the Path a registration came through (proxies in front of the gateway, nearest first), one value per
-- line; NULL when the client registered directly. Requests for the binding are routed through it.
ALTER TABLE binding ADD COLUMN path TEXT;
