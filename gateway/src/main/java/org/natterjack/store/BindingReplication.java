package org.natterjack.store;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import org.natterjack.location.Binding;
import org.natterjack.location.MergeableLocation;
import org.natterjack.location.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the other nodes' bindings in this node's location service, with a shared store: each node names the AORs it
 * wrote in a notification ({@link BindingRepository#CHANNEL}); this one reads those AORs' rows and merges them. When
 * the listener connects (at start, and after it was cut off and notifications were lost), it reads every binding the
 * others hold, off the SIP path: a node serves once it has its own.
 */
public final class BindingReplication {

    private static final Logger LOG = LoggerFactory.getLogger(BindingReplication.class);

    private BindingReplication() {
    }

    public static void start(Store store, BindingRepository bindings, MergeableLocation location) {
        NodeId self = location.node();
        store.changes().onNotification(BindingRepository.CHANNEL, payload -> {
            List<String> lines = Arrays.asList(payload.split("\n"));
            if (lines.get(0).equals(self.name()) || lines.size() < 2) {
                return;
            }
            List<String> aors = lines.subList(1, lines.size());
            Map<String, List<Binding>> stored = new HashMap<>();
            bindings.of(aors).forEach(b -> stored.computeIfAbsent(b.aor(), a -> new ArrayList<>()).add(b));
            aors.forEach(aor -> location.merge(aor, stored.getOrDefault(aor, List.of())));
        });
        // The first resync, right after start-up, is also where the other nodes' bindings first arrive.
        store.changes().onResync(() -> {
            long started = System.nanoTime();
            List<Binding> elsewhere = bindings.heldElsewhere(self);
            location.mergeAll(elsewhere);
            LOG.info("Took in the {} bindings other nodes hold ({} ms)", elsewhere.size(),
                    (System.nanoTime() - started) / 1_000_000);
        });
    }
}
