package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under systemd ({@code Type=notify} with {@code WatchdogSec}), the gateway says READY=1 once it serves, pings
 * the watchdog at half its timeout, and says STOPPING=1 when stopped. systemd's notification socket is
 * played by a Unix datagram socket that python3 reads (the JDK cannot).
 */
class SystemdNotifyIT {

    @TempDir
    Path dir;

    @Test
    void readyAfterStartUpWatchdogPingsAndStopping() throws Exception {
        Path socket = dir.resolve("notify.sock");
        Path received = dir.resolve("notifications.txt");
        Process listener = new ProcessBuilder("python3", "-u", "-c", """
                import socket, sys
                s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                s.bind(sys.argv[1])
                print("listening")
                while True:
                    print(s.recv(4096).decode().replace("\\n", "|"))
                """, socket.toString()).redirectErrorStream(true).redirectOutput(received.toFile()).start();
        try {
            await(received, all -> all.contains("listening"), "the listener to bind");
            List<String> env = List.of("env", "NOTIFY_SOCKET=" + socket, "WATCHDOG_USEC=400000");
            GatewayProcess gateway = GatewayProcess.start(dir.resolve("gw"), "", env, "--listen",
                    "127.0.0.1:" + Ports.free());
            await(received, all -> all.stream().anyMatch(l -> l.startsWith("READY=1|STATUS=Serving SIP on ")),
                    "READY=1");
            for (int ping = 1; ping <= 3; ping++) {
                int count = ping;
                await(received, all -> all.stream().filter("WATCHDOG=1"::equals).count() >= count,
                        count + " watchdog pings (every 200 ms)");
            }
            gateway.stop();
            await(received, all -> all.contains("STOPPING=1"), "STOPPING=1");
            assertTrue(gateway.log().contains("Natterjack stopped"), gateway.log());
        } finally {
            listener.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Waits (10 s at most) until the lines received so far satisfy {@code condition}. */
    private static void await(Path file, Predicate<List<String>> condition, String what) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (Files.exists(file) && condition.test(Files.readAllLines(file))) {
                return;
            }
            Thread.sleep(100);
        }
        fail("no " + what + " within 10 s:\n" + (Files.exists(file) ? Files.readString(file) : "(nothing)"));
    }
}
