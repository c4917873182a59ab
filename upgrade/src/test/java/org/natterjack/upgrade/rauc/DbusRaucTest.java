package org.natterjack.upgrade.rauc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.freedesktop.dbus.bin.EmbeddedDBusDaemon;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DbusRauc} against RAUC's interface exported on a private bus: the wire types, the signal, the properties. */
class DbusRaucTest {

    @TempDir
    Path dir;
    EmbeddedDBusDaemon daemon;
    DBusConnection service;
    FakeInstaller installer;
    DbusRauc rauc;

    @BeforeEach
    void startBus() throws Exception {
        String address = "unix:path=" + dir.resolve("bus.sock");
        daemon = new EmbeddedDBusDaemon(address + ",listen=true");
        daemon.startInBackgroundAndWait(10_000);
        service = connect(address);
        installer = new FakeInstaller(service, "0.2.0");
        service.requestBusName(RaucInstaller.BUS_NAME);
        service.exportObject(RaucInstaller.OBJECT_PATH, installer);
        rauc = new DbusRauc(Optional.of(address));
    }

    /**
     * The embedded daemon now and then drops a connection made the moment it started listening ("Disconnected"
     * in the Hello call; seen once in a fresh-clone run): a few bounded attempts.
     */
    private static DBusConnection connect(String address) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return DBusConnectionBuilder.forAddress(address).withShared(false).build();
            } catch (DBusException e) {
                if (attempt == 3) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    @AfterEach
    void stopBus() throws Exception {
        if (service != null) {
            service.close();
        }
        daemon.close();
    }

    @Test
    void readsInfoPropertiesAndSlots() throws Exception {
        assertEquals(new Rauc.BundleInfo("natterjack-test", "0.2.0"), rauc.info(Path.of("/data/b.raucb")));
        assertEquals("natterjack-test", rauc.compatible());
        assertEquals("A", rauc.bootSlot());
        List<Rauc.Slot> slots = rauc.slots();
        assertEquals("B", slots.get(1).get("bootname"));
        assertEquals("0.0.9", slots.get(1).get("bundle.version"));
        assertEquals("3", slots.get(1).get("installed.count"));
        assertEquals("activated slot rootfs.1", rauc.mark("active", "other"));
        assertEquals(List.of("Info /data/b.raucb", "Mark active other"), installer.calls);
    }

    @Test
    void installReportsProgressAndReturnsOnCompleted() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        rauc.install(Path.of("/data/b.raucb"), (percent, message) -> seen.add(percent + " " + message));
        assertEquals("InstallBundle /data/b.raucb []", installer.calls.get(0));
        assertTrue(seen.contains("60 Copying image to rootfs.1"), seen.toString());
        assertEquals("100 installed", seen.get(seen.size() - 1));
    }

    @Test
    void aFailedInstallCarriesLastError() {
        installer.failNextInstall("Installation error: Failed updating slot rootfs.1");
        RaucException e = assertThrows(RaucException.class, () -> rauc.install(Path.of("/data/b.raucb"), (p, m) -> { }));
        assertTrue(e.getMessage().contains("Failed updating slot rootfs.1"), e.getMessage());
    }
}
