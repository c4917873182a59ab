package org.natterjack.upgrade.rauc;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What the agent asks of RAUC; {@link DbusRauc} on the appliance, a fake in tests. */
public interface Rauc {

    /** A bundle's compatible and version, once RAUC verified its signature against the keyring. */
    record BundleInfo(String compatible, String version) {
    }

    /** A slot ({@code rootfs.0}) with RAUC's status keys (bootname, state, boot-status, bundle.version, ...). */
    record Slot(String name, Map<String, String> status) {
        public Slot {
            status = Map.copyOf(status);
        }

        public String get(String key) {
            return status.getOrDefault(key, "");
        }
    }

    /** Receives RAUC's install progress. */
    interface Progress {
        void update(int percent, String message);
    }

    /** @throws RaucException with RAUC's message if it refuses the bundle */
    BundleInfo info(Path bundle) throws RaucException;

    /** Installs into the other slot and returns when RAUC completed. */
    void install(Path bundle, Progress progress) throws RaucException, InterruptedException;

    /** {@code Mark(state, slot)}; returns RAUC's message. */
    String mark(String state, String slot) throws RaucException;

    List<Slot> slots() throws RaucException;

    /** The system's compatible (RAUC's {@code Compatible} property). */
    String compatible() throws RaucException;

    /** The bootname of the slot booted from (RAUC's {@code BootSlot} property). */
    String bootSlot() throws RaucException;
}
