-- The number routed for calls that arrive on a trunk without one (analog FXO lines: Asterisk extension s).
ALTER TABLE pstn_trunk ADD COLUMN inbound_number TEXT;
