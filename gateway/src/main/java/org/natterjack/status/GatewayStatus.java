package org.natterjack.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;
import org.natterjack.Version;
import org.natterjack.media.relay.MediaRelay;
import org.natterjack.media.relay.RelayStatus;
import org.natterjack.media.relay.SessionStats;
import org.natterjack.location.LocationService;

/**
 * What the running gateway reports about itself, for the web admin and monitoring: read-only snapshots,
 * safe to call from any thread, each cheap enough for a dashboard that polls every few seconds.
 */
public final class GatewayStatus {

    private final Clock clock;
    private final Instant startedAt;
    private final LocationService location;
    private final MediaRelay relay;
    private final LongSupplier callsRefusedOverloaded;

    public GatewayStatus(Clock clock, LocationService location, MediaRelay relay, LongSupplier callsRefusedOverloaded) {
        this.clock = clock;
        this.startedAt = clock.instant();
        this.location = location;
        this.relay = relay;
        this.callsRefusedOverloaded = callsRefusedOverloaded;
    }

    public String version() {
        return Version.current();
    }

    public Duration uptime() {
        return Duration.between(startedAt, clock.instant());
    }

    /** Bindings currently held by the registrar (all users, all contacts). */
    public int registrations() {
        return location.size();
    }

    /** New calls refused with 503 since start because messages waited too long (sip.overload-queue-delay-ms). */
    public long callsRefusedOverloaded() {
        return callsRefusedOverloaded.getAsLong();
    }

    /** The relay's interfaces, free ports and packet rate. */
    public RelayStatus relay() {
        return relay.status();
    }

    /** Every relay session (an anchored call) with its per-party counters, latched addresses and RTCP figures. */
    public List<SessionStats> relaySessions() {
        return relay.sessions();
    }
}
