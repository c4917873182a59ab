-- A store that reached the core's V14 (the per-node node_switch) before this plug-in's V4 copied the adapter's
-- switch into plugin_switch: take it over too.
INSERT INTO node_switch (node, plugin, enabled, changed_by, changed_at)
    SELECT 'local', plugin, enabled, changed_by, changed_at FROM plugin_switch
    WHERE plugin = 'pstn' AND NOT EXISTS (SELECT 1 FROM node_switch WHERE node = 'local' AND plugin = 'pstn');
