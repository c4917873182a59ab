package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.freedesktop.dbus.bin.EmbeddedDBusDaemon;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.upgrade.bundle.TestBundles;
import org.natterjack.upgrade.rauc.FakeInstaller;
import org.natterjack.upgrade.rauc.RaucInstaller;

/**
 * The Upgrades page and API in real gateway processes: one that is no appliance (idle agent), and one with the
 * agent on, RAUC faked on a private D-Bus in the test and real bundles: refused ones answer 422 before anything
 * happens, a good one 202 and goes on to the switch, a second one 409.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradesIT {

    private static final String PASSWORD = "correct horse battery";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static TestBundles bundles;
    static EmbeddedDBusDaemon daemon;
    static DBusConnection service;
    static FakeInstaller rauc;
    static GatewayProcess idle;
    static GatewayProcess appliance;
    static int idlePort;
    static int appliancePort;
    static AdminClient idleAdmin;
    static AdminClient applianceAdmin;

    @BeforeAll
    static void start() throws Exception {
        bundles = TestBundles.in(Files.createDirectories(dir.resolve("keys")));
        String address = "unix:path=" + dir.resolve("bus.sock");
        daemon = new EmbeddedDBusDaemon(address + ",listen=true");
        daemon.startInBackgroundAndWait(10_000);
        service = DBusConnectionBuilder.forAddress(address).withShared(false).build();
        rauc = new FakeInstaller(service, "0.2.0");
        service.requestBusName(RaucInstaller.BUS_NAME);
        service.exportObject(RaucInstaller.OBJECT_PATH, rauc);

        idlePort = Ports.free();
        idle = GatewayProcess.start(dir.resolve("idle"), "relay:\n  port-min: 26500\n  port-max: 26519\n", List.of(),
                "--listen", "127.0.0.1:" + Ports.free(), "--admin-listen", "127.0.0.1:" + idlePort);
        idleAdmin = AdminClient.setUpAdmin(idle, idlePort, PASSWORD);

        appliancePort = Ports.free();
        Path run = dir.resolve("run");
        appliance = GatewayProcess.start(dir.resolve("appliance"), """
                relay:
                  port-min: 26520
                  port-max: 26539
                plugins:
                  upgrade:
                    enabled: true
                    keyring: %s
                    dbus-address: %s
                    health-file: %s
                    reboot-request-file: %s
                    force-downgrade-file: %s
                    drain-deadline: 10
                """.formatted(bundles.keyring(), address, run.resolve("boot-health"), run.resolve("reboot"),
                run.resolve("force-downgrade")), List.of(),
                "--listen", "127.0.0.1:" + Ports.free(), "--admin-listen", "127.0.0.1:" + appliancePort);
        applianceAdmin = AdminClient.setUpAdmin(appliance, appliancePort, PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        for (GatewayProcess g : new GatewayProcess[] {idle, appliance}) {
            if (g != null) {
                g.close();
            }
        }
        if (service != null) {
            service.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    @Order(1)
    void whereTheAgentIsIdleThePageSaysSoAndUploadsAreRefused() throws Exception {
        AdminClient admin = idleAdmin;
        JsonNode status = JSON.readTree(admin.get("/api/v1/upgrades").body());
        assertFalse(status.get("enabled").asBoolean());
        assertTrue(status.get("idleReason").asText().contains("not an appliance"), status.toString());
        assertEquals(409, admin.upload("/api/v1/upgrades", bundles.bundle("0.2.0", 50_000)).status());
        String page = admin.get("/upgrades").body();
        assertTrue(page.contains("id=\"idle\"") && page.contains("<fieldset disabled>"), page);
    }

    @Test
    @Order(2)
    void aTamperedBundleIsRefusedWith422BeforeRaucIsAsked() throws Exception {
        AdminClient admin = applianceAdmin;
        Path good = bundles.bundle("0.2.0", 50_000);
        Path bad = dir.resolve("tampered.raucb");
        byte[] bytes = Files.readAllBytes(good);
        bytes[4096] ^= 1;
        Files.write(bad, bytes);
        AdminClient.Response refused = admin.upload("/api/v1/upgrades", bad);
        assertEquals(422, refused.status(), refused.body());
        assertTrue(refused.body().contains("verity hash"), refused.body());
        assertTrue(rauc.calls.isEmpty(), "RAUC was not asked: " + rauc.calls);
        assertFalse(Files.exists(appliance.dataDir().resolve("upgrade/upload.raucb")));
    }

    @Test
    @Order(3)
    void aGoodBundleIsAcceptedDrainedInstalledAndSwitched() throws Exception {
        AdminClient admin = applianceAdmin;
        AdminClient.Response accepted = admin.upload("/api/v1/upgrades?activate=now&drain-deadline=5",
                bundles.bundle("0.2.0", 50_000));
        assertEquals(202, accepted.status(), accepted.body());
        assertEquals("0.2.0", JSON.readTree(accepted.body()).get("upgrade").get("version").asText());

        JsonNode upgrade = null;
        for (int i = 0; i < 100; i++) {
            upgrade = JSON.readTree(admin.get("/api/v1/upgrades").body()).get("upgrade");
            if ("REBOOTING".equals(upgrade.get("state").asText()) && Files.exists(dir.resolve("run/reboot"))) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals("REBOOTING", upgrade.get("state").asText(), upgrade.toString());
        assertTrue(Files.exists(dir.resolve("run/reboot")), "reboot requested");
        String pending = Files.readString(appliance.dataDir().resolve("upgrade/pending"));
        assertTrue(pending.startsWith("slot=B\nversion=0.2.0\nfrom_slot=A\n"), pending);
        assertTrue(rauc.calls.stream().anyMatch(c -> c.startsWith("InstallBundle ")), rauc.calls.toString());
        assertEquals("Mark active other", rauc.calls.get(rauc.calls.size() - 1));

        assertEquals(409, admin.upload("/api/v1/upgrades", bundles.bundle("0.2.0", 50_000)).status(),
                "one upgrade at a time");
        String page = admin.get("/fragments/upgrades").body();
        assertTrue(page.contains("rebooting"), page);
        assertTrue(admin.get("/api/v1/audit").body().contains("upgrade.install"), "audited");
    }
}
