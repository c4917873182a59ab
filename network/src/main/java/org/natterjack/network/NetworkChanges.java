package org.natterjack.network;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.natterjack.network.api.NetworkApi;
import org.natterjack.network.api.NetworkBusy;
import org.natterjack.network.api.NetworkConfig;
import org.natterjack.network.api.NetworkInvalid;
import org.natterjack.network.api.NetworkStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apply, then confirm or revert: an applied change is a candidate in effect (once the root side acted on the
 * request) until it is confirmed, which makes it the stored settings, or its deadline passes, which drops it and
 * asks the root side to put the stored settings back. {@link #tick()} is called about once a second; time comes
 * from the injected clock. Every method holds the object's lock.
 */
final class NetworkChanges implements NetworkApi {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkChanges.class);

    private final NetworkFiles files;
    private final Clock clock;
    private final Duration confirmWithin;
    private final Supplier<List<NetworkStatus.Link>> links;
    private Pending pending;
    private String lastOutcome;
    private boolean revertFailureLogged;

    private record Pending(NetworkConfig config, Instant appliedAt, Instant deadline, List<InetAddress> confirmAt) {
    }

    NetworkChanges(NetworkFiles files, Clock clock, Duration confirmWithin, Supplier<List<NetworkStatus.Link>> links) {
        this.files = files;
        this.clock = clock;
        this.confirmWithin = confirmWithin;
        this.links = links;
    }

    /**
     * At start: a candidate left by a gateway that stopped while a change waited was never confirmed; it is
     * dropped and the stored settings are put back (the machine may still run with the candidate).
     */
    synchronized void recover() throws IOException {
        if (files.hasCandidate()) {
            files.dropCandidate();
            files.request(NetworkFiles.Request.STORED);
            lastOutcome = "reverted at " + now() + ": the gateway restarted before the change was confirmed";
            LOG.warn("Network: a change left unconfirmed when the gateway stopped was dropped; the stored settings"
                    + " ({}) are put back", files.stored());
        }
    }

    @Override
    public synchronized NetworkStatus status() {
        NetworkConfig stored;
        try {
            stored = files.readStored().map(NetworkFile::parse).orElseGet(NetworkConfig::dhcpEverywhere);
        } catch (IOException e) {
            LOG.warn("Network: cannot read {}: {}", files.stored(), e.toString());
            stored = NetworkConfig.dhcpEverywhere();
        }
        Instant now = clock.instant();
        Optional<NetworkStatus.Pending> p = Optional.ofNullable(pending).map(c -> new NetworkStatus.Pending(
                c.config(), c.appliedAt(), c.deadline(),
                Math.max(0, Duration.between(now, c.deadline()).toSeconds()),
                c.confirmAt().stream().map(InetAddress::getHostAddress).toList()));
        return new NetworkStatus(true, "", stored, links.get(), p, Optional.ofNullable(lastOutcome),
                confirmWithin.toSeconds());
    }

    @Override
    public synchronized NetworkStatus apply(NetworkConfig config) throws NetworkInvalid, NetworkBusy, IOException {
        NetworkValidation.Result checked = NetworkValidation.check(config);
        if (!checked.valid()) {
            throw new NetworkInvalid(checked.errors());
        }
        if (pending != null) {
            throw new NetworkBusy("a change applied at " + pending.appliedAt() + " waits for confirmation until "
                    + pending.deadline() + ": confirm it or let it revert first");
        }
        NetworkConfig c = checked.config();
        files.writeCandidate(NetworkFile.render(c));
        files.request(NetworkFiles.Request.CANDIDATE);
        Instant now = now();
        pending = new Pending(c, now, now.plus(confirmWithin), confirmAt(c));
        lastOutcome = null;
        revertFailureLogged = false;
        LOG.info("Network: {} applied ({}); reverted at {} unless confirmed", describe(c), files.candidate(),
                pending.deadline());
        return status();
    }

    @Override
    public synchronized NetworkStatus confirm(InetAddress via) throws NetworkBusy, IOException {
        if (pending == null) {
            throw new NetworkBusy("no change waits for confirmation");
        }
        if (!pending.confirmAt().isEmpty() && !via.isLoopbackAddress() && !pending.confirmAt().contains(via)) {
            throw new NetworkBusy("confirm at the new address (" + pending.confirmAt().stream()
                    .map(InetAddress::getHostAddress).reduce((a, b) -> a + " or " + b).orElse("")
                    + "): this request came in on " + via.getHostAddress()
                    + ", which does not show that the appliance answers at the new one");
        }
        files.keepCandidate();
        lastOutcome = "confirmed at " + now() + ": " + describe(pending.config());
        LOG.info("Network: {} confirmed, stored in {}", describe(pending.config()), files.stored());
        pending = null;
        return status();
    }

    /** Reverts a change whose deadline has passed; a failed revert is tried again on the next tick. */
    synchronized void tick() {
        if (pending == null || clock.instant().isBefore(pending.deadline())) {
            return;
        }
        try {
            files.dropCandidate();
            files.request(NetworkFiles.Request.STORED);
        } catch (IOException e) {
            if (!revertFailureLogged) {
                LOG.error("Network: the change applied at {} was not confirmed, but reverting it failed ({}); trying"
                        + " again every second. On the console: /usr/lib/natterjack/network-apply now",
                        pending.appliedAt(), e.toString());
                revertFailureLogged = true;
            }
            return;
        }
        lastOutcome = "reverted at " + now() + ": " + describe(pending.config())
                + " was not confirmed within " + confirmWithin.toSeconds() + " s";
        LOG.warn("Network: {} was not confirmed within {} s: reverted to the stored settings", describe(
                pending.config()), confirmWithin.toSeconds());
        pending = null;
    }

    /** Whole seconds: what the page and the log show. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static List<InetAddress> confirmAt(NetworkConfig c) {
        List<InetAddress> at = new ArrayList<>();
        if (c.isStatic()) {
            for (String a : new String[] {c.address(), c.address6()}) {
                Addresses.withPrefix(a).flatMap(p -> Addresses.ip(p[0])).ifPresent(at::add);
            }
        }
        return List.copyOf(at);
    }

    static String describe(NetworkConfig c) {
        return c.isStatic()
                ? "static " + c.address() + (c.address6().isEmpty() ? "" : " " + c.address6()) + " gateway "
                + c.gateway() + " on " + c.interfaces()
                : "DHCP on " + c.interfaces();
    }
}
