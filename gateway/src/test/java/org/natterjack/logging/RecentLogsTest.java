package org.natterjack.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecentLogsTest {

    private final LoggerContext context = new LoggerContext();
    private final Logger log = context.getLogger("org.natterjack.test");
    private final RecentLogs recent = new RecentLogs();

    @BeforeEach
    void attach() {
        recent.setContext(context);
        recent.setCapacity(3);
        recent.start();
        log.addAppender(recent);
    }

    @Test
    void keepsTheNewestEventsUpToItsCapacity() {
        for (int i = 1; i <= 5; i++) {
            log.info("event {}", i);
        }
        assertEquals(List.of("event 5", "event 4", "event 3"),
                recent.newestFirst().stream().map(RecentLogs.Event::message).toList());
        RecentLogs.Event newest = recent.newestFirst().get(0);
        assertEquals("INFO", newest.level());
        assertEquals("org.natterjack.test", newest.logger());
        assertEquals(Thread.currentThread().getName(), newest.thread());
    }

    @Test
    void summarisesTheThrowableWithItsCauses() {
        log.warn("cannot write", new UncheckedIOException("store", new IOException("disk full")));
        assertEquals("java.io.UncheckedIOException: store <- java.io.IOException: disk full",
                recent.newestFirst().get(0).throwable());
    }

    @Test
    void masksWhatLooksLikeASecret() {
        log.info("Admin setup: https://192.0.2.1:8443/setup?token=Zm9vYmFy-_x");
        log.info("token nj_AbC123_xyz used; password=hunter2, AMI secret: s3cret!");
        List<String> messages = recent.newestFirst().stream().map(RecentLogs.Event::message).toList();
        assertEquals(List.of("token nj_*** used; password=***, AMI secret: ***",
                "Admin setup: https://192.0.2.1:8443/setup?token=***"), messages);
        assertFalse(messages.toString().contains("hunter2"));
    }

    @Test
    void theGatewaysLoggingConfigurationAttachesItToTheRootLogger() {
        assertSame(RecentLogs.installed(), RecentLogs.installed());
        org.slf4j.LoggerFactory.getLogger("org.natterjack.logging.check").info("seen by the viewer");
        assertEquals("seen by the viewer", RecentLogs.installed().newestFirst().get(0).message());
    }
}
