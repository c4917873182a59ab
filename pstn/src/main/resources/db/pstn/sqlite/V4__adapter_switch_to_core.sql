-- The adapter's switch moved to the core's plugin_switch table (core migration V10, which runs first). The old
-- table stays: an older release, after a rollback, still reads it (migrations only add).
INSERT INTO plugin_switch (plugin, enabled, changed_by, changed_at)
    SELECT 'pstn', enabled, changed_by, changed_at FROM pstn_adapter_switch;
