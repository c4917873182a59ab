package org.natterjack.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.config.GatewayConfig;
import org.natterjack.config.LiveConfig;
import org.natterjack.config.SettingsOverlay;
import org.natterjack.store.SettingsRepository;
import org.natterjack.store.Store;
import org.natterjack.testing.MutableClock;

class StoreSettingsTest {

    @TempDir
    Path dir;

    private final GatewayConfig file = GatewayConfig.defaults();
    private final LiveConfig live = new LiveConfig(file);
    private SettingsRepository repository;
    private Settings settings;

    @BeforeEach
    void open() {
        repository = new SettingsRepository(Store.open(dir), new MutableClock());
        settings = new OverriddenSettings(file, live, repository);
    }

    @Test
    void aChangeIsSavedAndReachesTheRunningConfiguration() {
        SettingsChange change = settings.apply("nat", Map.of("keepalive-seconds", 15, "rewrite-contact", true));

        SettingsChange.Applied applied = assertInstanceOf(SettingsChange.Applied.class, change);
        assertEquals(Map.of(), applied.before().overrides());
        assertEquals(Map.of("keepalive-seconds", 15, "rewrite-contact", true), applied.after().overrides());
        assertEquals(15, live.nat().keepaliveSeconds());
        assertTrue(live.nat().rewriteContact());
        assertEquals(15, SettingsOverlay.atStart(file, repository.all()).nat().keepaliveSeconds(),
                "kept for the next start");
    }

    @Test
    void formStringsAreStoredInTheFileForm() {
        settings.apply("relay", Map.of("always-anchor", "true", "media-timeout-seconds", "30"));

        assertEquals("{\"always-anchor\":true,\"media-timeout-seconds\":30}", repository.all().get("relay"));
        assertTrue(live.relay().alwaysAnchor());
    }

    @Test
    void invalidValueSavesNothing() {
        SettingsChange change = settings.apply("registrar", Map.of("max-expires", 10, "max-contacts", 5));

        SettingsChange.Refused refused = assertInstanceOf(SettingsChange.Refused.class, change);
        assertEquals("registrar.max-expires", refused.errors().get(0).field());
        assertTrue(refused.errors().get(0).message().contains("min-expires"), refused.errors().toString());
        assertEquals(Map.of(), repository.all());
        assertEquals(10, live.registrar().maxContacts());
    }

    @Test
    void aWrongTypeAndAnUnknownKeyNameTheirField() {
        SettingsChange.Refused wrongType = assertInstanceOf(SettingsChange.Refused.class,
                settings.apply("proxy", Map.of("timer-c-seconds", "soon")));
        assertEquals("proxy.timer-c-seconds", wrongType.errors().get(0).field());

        SettingsChange.Refused unknown = assertInstanceOf(SettingsChange.Refused.class,
                settings.apply("nat", Map.of("keepalive-secs", 10)));
        assertEquals("nat.keepalive-secs", unknown.errors().get(0).field());
        assertEquals(Map.of(), repository.all());
    }

    @Test
    void crossSectionRulesHoldForOverrides() {
        SettingsChange change = settings.apply("nat", Map.of("refresh-seconds", 30));

        SettingsChange.Refused refused = assertInstanceOf(SettingsChange.Refused.class, change);
        assertEquals("nat.refresh-seconds", refused.errors().get(0).field());
        assertEquals(60, live.nat().refreshSeconds());
    }

    @Test
    void aKeyFixedAtStartIsSavedAndReportedAsPendingRestart() {
        settings.apply("relay", Map.of("io-threads", 2));

        SettingValue threads = value("relay", "io-threads");
        assertFalse(threads.live());
        assertTrue(threads.restartPending());
        assertEquals(2, threads.value());
        assertTrue(value("relay", "always-anchor").live());
    }

    @Test
    void resetReturnsToTheFileAndANullDropsOneOverride() {
        settings.apply("registrar", Map.of("max-expires", 7200, "max-contacts", 3));
        Map<String, Object> drop = new HashMap<>();
        drop.put("max-contacts", null);
        settings.apply("registrar", drop);
        assertEquals(Map.of("max-expires", 7200), settings.section("registrar").orElseThrow().overrides());

        assertInstanceOf(SettingsChange.Applied.class, settings.reset("registrar"));

        assertEquals(3600, live.registrar().maxExpires());
        assertEquals(Map.of(), repository.all());
    }

    @Test
    void everySectionIsListedWithFileValues() {
        List<String> names = settings.sections().stream().map(SettingsView::section).toList();

        assertEquals(List.of("registrar", "auth", "nat", "proxy", "dns", "relay", "sip"), names);
        assertEquals(20, value("nat", "keepalive-seconds").fileValue());
    }

    private SettingValue value(String section, String key) {
        return settings.section(section).orElseThrow().values().stream().filter(v -> v.key().equals(key))
                .findFirst().orElseThrow();
    }
}
