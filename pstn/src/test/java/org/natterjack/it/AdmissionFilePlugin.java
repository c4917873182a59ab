package org.natterjack.it;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.natterjack.plugin.GatewayContext;
import org.natterjack.plugin.GatewayPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test plug-in (on the ITs' class path only): drains the gateway's admission while the file
 * {@code plugins.test-admission.file} exists and admits again when it is gone, as the upgrade agent switches it.
 * Idle without that setting.
 */
public final class AdmissionFilePlugin implements GatewayPlugin {

    private static final Logger LOG = LoggerFactory.getLogger(AdmissionFilePlugin.class);

    /** {@code plugins.test-admission.file}: empty (idle) by default. */
    record Settings(String file) {
        @JsonCreator
        static Settings of(@JsonProperty("file") String file) {
            return new Settings(file == null ? "" : file);
        }
    }

    @Override
    public String name() {
        return "test-admission";
    }

    @Override
    public void start(GatewayContext context) {
        String file = context.settings(Settings.class).file();
        if (file.isEmpty()) {
            return;
        }
        AtomicBoolean draining = new AtomicBoolean();
        context.every(Duration.ofMillis(200), "file", () -> {
            boolean drain = Files.exists(Path.of(file));
            if (draining.getAndSet(drain) != drain) {
                if (drain) {
                    context.admission().drain(Duration.ofSeconds(60));
                } else {
                    context.admission().admit();
                }
                LOG.info("Test admission: {}", drain ? "draining" : "admitting");
            }
        });
    }

    @Override
    public void close() {
    }
}
