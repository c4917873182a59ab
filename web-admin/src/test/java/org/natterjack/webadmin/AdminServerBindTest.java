package org.natterjack.webadmin;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.config.ListenAddress;
import org.natterjack.plugin.FatalStartException;
import org.natterjack.webadmin.auth.Sessions;
import org.natterjack.webadmin.tls.ServedCertificate;
import org.natterjack.webadmin.tls.TlsKeys;

/**
 * A web admin whose port is taken must stop the gateway from starting (it is the only configuration surface),
 * with a message naming address and port, rather than be left out like another plug-in.
 */
class AdminServerBindTest {

    @TempDir
    Path dir;

    @Test
    void aTakenPortIsFatalAndNamed() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket taken = new ServerSocket(0, 1, loopback)) {
            ListenAddress listen = ListenAddress.parse("127.0.0.1:" + taken.getLocalPort());
            ServedCertificate tls = new ServedCertificate(TlsKeys.load(WebAdminSettings.defaults(), dir, loopback),
                    dir, Optional.empty(), Clock.systemUTC());
            AccessControl access = new AccessControl(new Sessions(Duration.ofMinutes(1), Clock.systemUTC()), null);

            FatalStartException e = assertThrows(FatalStartException.class, () -> AdminServer.start(listen, tls,
                    new ObjectMapper(), access, List.of(), app -> { }));

            assertTrue(e.getMessage().startsWith("the web admin cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + "/tcp: "), e.getMessage());
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
    }
}
