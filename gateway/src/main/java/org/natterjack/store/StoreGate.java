package org.natterjack.store;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this node may acknowledge registrations and start calls while its store is away. It goes on from memory
 * until either bound is reached: the binding changes waiting to be written fill their backlog (a 200 more would
 * acknowledge what a crash could lose), or a shared store has not been heard from for {@code store.max-stale-seconds}
 * (its accounts and routes may have changed on other nodes meanwhile). Then registrations and new calls get 503
 * until the store answers again.
 */
public final class StoreGate {

    private static final Logger LOG = LoggerFactory.getLogger(StoreGate.class);

    private final Store store;
    private final BindingRepository bindings;
    private final Duration maxStale;
    private volatile boolean closed;

    public StoreGate(Store store, BindingRepository bindings, Duration maxStale) {
        this.store = store;
        this.bindings = bindings;
        this.maxStale = maxStale;
    }

    /** True while registrations and new calls are to be refused (503); a change either way is logged once. */
    public boolean closed() {
        boolean backlog = bindings.backlogFull();
        boolean stale = store.unheardFor().compareTo(maxStale) > 0;
        boolean now = backlog || stale;
        if (now != closed) {
            synchronized (this) {
                if (now != closed) {
                    closed = now;
                    if (now) {
                        LOG.error("Refusing registrations and new calls with 503: {}", backlog
                                ? "the store takes no writes and the backlog of binding changes is full"
                                : "the store has not been heard from for over " + maxStale.toSeconds()
                                        + " s (store.max-stale-seconds)");
                    } else {
                        LOG.info("Accepting registrations and calls again: the store answers");
                    }
                }
            }
        }
        return now;
    }
}
