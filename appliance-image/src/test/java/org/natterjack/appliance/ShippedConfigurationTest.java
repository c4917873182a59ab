package org.natterjack.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.natterjack.config.ConfigLoader;
import org.natterjack.config.GatewayConfig;
import org.natterjack.network.NetworkSettings;
import org.natterjack.pstn.PstnSettings;
import org.natterjack.tunnel.gateway.TunnelSettings;
import org.natterjack.upgrade.UpgradeSettings;
import org.natterjack.webadmin.WebAdminSettings;

/**
 * The configuration files the appliance image and the Debian package ship load as strictly as the gateway
 * loads them at boot, plug-in sections included: a key renamed in a settings record must not reach a device
 * whose gateway would then refuse to start (and the upgrade roll back).
 */
class ShippedConfigurationTest {

    @ParameterizedTest
    @ValueSource(strings = {"src/image/rootfs/usr/share/natterjack/appliance/natterjack.yaml",
            "src/deb/root/etc/natterjack/natterjack.yaml"})
    void loadsWithEveryPluginSection(String file) {
        GatewayConfig config = ConfigLoader.load(Path.of(file));

        config.plugins().bind("pstn", PstnSettings.class);
        config.plugins().bind("upgrade", UpgradeSettings.class);
        config.plugins().bind("network", NetworkSettings.class);
        assertEquals(443, config.plugins().bind("tunnel", TunnelSettings.class).listen().port(),
                "agents reach the tunnel on 443, the port any network that lets a browser out allows");
        WebAdminSettings webAdmin = config.plugins().bind("web-admin", WebAdminSettings.class);
        assertTrue(webAdmin.enabled(), "the web admin is the appliance's only configuration surface");
    }
}
