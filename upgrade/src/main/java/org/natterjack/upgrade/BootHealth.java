package org.natterjack.upgrade;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's half of the boot health gate: after start it checks what only the process can tell and writes
 * {@code status=pass|fail}, {@code version}, {@code reasons} to the health file, which the root-side gate script
 * waits for (it checks the web admin itself and marks the slot good). Checks: SIP answers an OPTIONS from a fresh
 * UDP socket with 200; the store is open (it is, or the gateway would not run); after an upgrade ({@code pending}
 * names the booted slot) at least as many bindings and the same PSTN spans in service as before it; with the
 * PSTN plug-in, its AMI link is up; the
 * web admin has started (its address goes into the verdict as {@code admin_url} for the script to check).
 */
final class BootHealth {

    private static final Logger LOG = LoggerFactory.getLogger(BootHealth.class);
    private static final Pattern SLOT = Pattern.compile("(?:^|\\s)rauc\\.slot=(\\S+)");
    private static final int OPTIONS_TRIES = 5;
    private static final int OPTIONS_TIMEOUT_MS = 2000;
    /** How long the registrations, the AMI link and the spans may take to come up on the appliance. */
    static final Duration SETTLE = Duration.ofSeconds(30);

    /** What the checks look at. */
    record Probes(InetSocketAddress sip, IntSupplier bindings, Supplier<Optional<Boolean>> amiUp,
                  Supplier<Set<Integer>> spansUp, Supplier<Optional<URI>> webAdmin) {
    }

    private final Probes probes;
    private final UpgradeFiles files;
    private final Path healthFile;
    private final String version;
    private final Path cmdline;
    private final Duration settle;

    /** {@code cmdline}: the kernel's command line ({@code /proc/cmdline}), which names the booted slot. */
    BootHealth(Probes probes, UpgradeFiles files, Path healthFile, String version, Path cmdline, Duration settle) {
        this.probes = probes;
        this.files = files;
        this.healthFile = healthFile;
        this.version = version;
        this.cmdline = cmdline;
        this.settle = settle;
    }

    /** Runs the checks (up to about a minute) and writes the verdict. */
    void run() {
        List<String> reasons = new ArrayList<>();
        if (!optionsAnswered()) {
            reasons.add("SIP does not answer OPTIONS on " + probes.sip());
        }
        // The gate script checks the web admin from outside the process, at the address it publishes once it serves.
        // First: the web admin is the last plug-in to start, and Asterisk starts only once the whole gateway is
        // ready (systemd orders it after natterjack.service), so the AMI link's and the spans' time counts from here.
        if (!settles(() -> probes.webAdmin().get().isPresent())) {
            reasons.add("the web admin did not start");
        }
        Optional<String> booted = bootedSlot(cmdline);
        Optional<UpgradeFiles.Pending> pending = files.pending().filter(p -> booted.map(p.slot()::equals).orElse(false));
        if (pending.isPresent() && !settles(() -> probes.bindings().getAsInt() >= pending.get().registrations())) {
            reasons.add("registrations not restored: " + probes.bindings().getAsInt() + " bindings, "
                    + pending.get().registrations() + " before the upgrade");
        }
        if (probes.amiUp().get().isPresent() && !settles(() -> probes.amiUp().get().orElse(true))) {
            reasons.add("the PSTN adapter's AMI link is down");
        }
        Set<Integer> spansBefore = pending.map(UpgradeFiles.Pending::spansUp).orElse(Collections.emptySortedSet());
        if (!spansBefore.isEmpty() && !settles(() -> probes.spansUp().get().containsAll(spansBefore))) {
            reasons.add("PSTN spans not back in service: " + spansBefore.stream()
                    .filter(span -> !probes.spansUp().get().contains(span)).toList() + " (in service before the upgrade: "
                    + spansBefore + ")");
        }
        Map<String, String> verdict = new LinkedHashMap<>();
        verdict.put("status", reasons.isEmpty() ? "pass" : "fail");
        verdict.put("version", version);
        verdict.put("reasons", String.join("; ", reasons));
        probes.webAdmin().get().ifPresent(url -> verdict.put("admin_url", url.toString()));
        try {
            UpgradeFiles.writeKeyValues(healthFile, verdict);
            LOG.info("Boot health: {}{}", verdict.get("status"), reasons.isEmpty() ? "" : " (" + verdict.get("reasons") + ")");
        } catch (IOException e) {
            LOG.warn("Cannot write the boot health verdict to {}: {} (the health gate will roll back)", healthFile,
                    e.getMessage());
        }
    }

    static Optional<String> bootedSlot(Path cmdline) {
        try {
            Matcher m = SLOT.matcher(Files.readString(cmdline));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private boolean optionsAnswered() {
        for (int i = 0; i < OPTIONS_TRIES; i++) {
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(probes.sip().getAddress(), 0))) {
                socket.setSoTimeout(OPTIONS_TIMEOUT_MS);
                byte[] request = options(socket.getLocalPort()).getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(request, request.length, probes.sip()));
                byte[] buffer = new byte[8192];
                DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                socket.receive(reply);
                if (new String(buffer, 0, reply.getLength(), StandardCharsets.UTF_8).startsWith("SIP/2.0 200")) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                // try again
            } catch (IOException e) {
                LOG.debug("OPTIONS health check: {}", e.toString());
            }
        }
        return false;
    }

    private String options(int localPort) {
        String host = probes.sip().getAddress().getHostAddress();
        String uriHost = host.contains(":") ? "[" + host + "]" : host;
        String tag = UUID.randomUUID().toString().substring(0, 8);
        return "OPTIONS sip:" + uriHost + ":" + probes.sip().getPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + uriHost + ":" + localPort + ";branch=z9hG4bK" + UUID.randomUUID() + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:health@" + uriHost + ">;tag=" + tag + "\r\n"
                + "To: <sip:" + uriHost + ">\r\n"
                + "Call-ID: health-" + UUID.randomUUID() + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private boolean settles(BooleanSupplier check) {
        long end = System.nanoTime() + settle.toNanos();
        while (!check.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            try {
                Thread.sleep(Math.min(1000, settle.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
