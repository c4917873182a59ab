package org.natterjack.status;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.natterjack.alarms.Alarms;
import org.natterjack.alarms.Severity;
import org.natterjack.media.relay.RelayStatus;

/**
 * The core's alarm conditions, checked by a job every few seconds: relay ports nearly exhausted, new calls refused
 * for overload, the data directory's disk nearly full, the store not writable.
 */
public final class CoreAlarms {

    /** Below this share of free port pairs on an interface the relay is nearly exhausted. */
    static final double PORTS_LOW = 0.10;
    /** Below this share, or {@link #DISK_LOW_BYTES}, of free space the data directory's disk is nearly full. */
    static final double DISK_LOW = 0.05;
    static final long DISK_LOW_BYTES = 256L * 1024 * 1024;

    private final Alarms alarms;
    private final GatewayStatus status;
    private final Path dataDir;
    private final Supplier<Optional<String>> storeFailure;
    private long refusedAtLastCheck;

    /** @param storeFailure why the store could not be written lately; empty while it can */
    public CoreAlarms(Alarms alarms, GatewayStatus status, Path dataDir, Supplier<Optional<String>> storeFailure) {
        this.alarms = alarms;
        this.status = status;
        this.dataDir = dataDir;
        this.storeFailure = storeFailure;
        this.refusedAtLastCheck = status.callsRefusedOverloaded();
    }

    /** One round of checks (the alarm job). */
    public synchronized void check() {
        for (RelayStatus.InterfaceStatus iface : status.relay().interfaces()) {
            int free = iface.pairsFree();
            int total = iface.pairsTotal();
            alarms.set("relay-ports." + iface.bind(), total > 0 && free < total * PORTS_LOW,
                    free == 0 ? Severity.CRITICAL : Severity.MAJOR, "relay ports nearly exhausted on " + iface.bind()
                            + ": " + free + " of " + total + " pairs free (relay.port-min/port-max)");
        }
        long refused = status.callsRefusedOverloaded();
        alarms.set("overload", refused > refusedAtLastCheck, Severity.MAJOR, "overloaded: "
                + (refused - refusedAtLastCheck) + " new calls refused with 503 since the last check");
        refusedAtLastCheck = refused;
        checkDisk();
        Optional<String> failure = storeFailure.get();
        alarms.set("store", failure.isPresent(), Severity.CRITICAL, failure.orElse(""));
    }

    private void checkDisk() {
        try {
            FileStore disk = Files.getFileStore(dataDir);
            long usable = disk.getUsableSpace();
            long total = disk.getTotalSpace();
            boolean low = total > 0 && (usable < total * DISK_LOW || usable < DISK_LOW_BYTES);
            alarms.set("disk", low, usable == 0 ? Severity.CRITICAL : Severity.MAJOR, "the data directory's disk is"
                    + " nearly full: " + usable / (1024 * 1024) + " MiB free of " + total / (1024 * 1024) + " MiB ("
                    + dataDir + ")");
        } catch (IOException e) {
            alarms.raise("disk", Severity.MAJOR, "cannot read the free space of " + dataDir + ": " + e.getMessage());
        }
    }
}
