package org.natterjack.appliance;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The appliance image booted in qemu with UEFI firmware (OVMF), as a box on the desk: changes go to a
 * throw-away overlay (-snapshot), the serial console to a file that qemu writes at all times (a console
 * nobody reads would block the guest), and user-mode networking forwards SIP (UDP and TCP) and the web
 * admin to loopback ports. Software emulation (TCG) unless told otherwise: KVM here starts guests that die
 * at their first instruction.
 */
final class Qemu implements AutoCloseable {

    private static final String ACCEL = System.getProperty("natterjack.qemu.accel", "tcg");

    private final Process process;
    private final Path serial;
    /** Where the next {@link #await} starts looking: after the previous match, so that reboots repeat lines. */
    private int cursor;

    private Qemu(Process process, Path serial) {
        this.process = process;
        this.serial = serial;
    }

    static Qemu boot(Path image, Path dir, int sipPort, int adminPort) throws IOException {
        Path vars = dir.resolve("OVMF_VARS.fd");
        Files.copy(Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd"), vars);
        Path serial = dir.resolve("serial.log");
        // Under multi-threaded TCG (qemu 7.2) the guest's JVM died with SIGILL in freshly JIT-compiled code
        // (DigestBase, BouncyCastle's Argon2), most likely code one vCPU patched and another did not see yet;
        // with one host thread for both vCPUs it has not happened.
        String accel = "tcg".equals(ACCEL) ? "tcg,thread=single" : ACCEL;
        List<String> cmd = new ArrayList<>(List.of("qemu-system-x86_64", "-machine", "q35", "-accel", accel,
                "-m", "1536", "-smp", "2", "-nographic", "-snapshot",
                "-drive", "if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd",
                "-drive", "if=pflash,format=raw,file=" + vars,
                "-drive", "file=" + image + ",if=virtio,format=raw",
                "-netdev", "user,id=n0,hostfwd=udp:127.0.0.1:" + sipPort + "-:5060,hostfwd=tcp:127.0.0.1:" + sipPort
                        + "-:5060,hostfwd=tcp:127.0.0.1:" + adminPort + "-:8443",
                "-device", "virtio-net-pci,netdev=n0",
                "-serial", "file:" + serial, "-monitor", "none", "-display", "none"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("qemu.out").toFile())
                .start();
        return new Qemu(p, serial);
    }

    String console() throws IOException {
        return Files.exists(serial) ? new String(Files.readAllBytes(serial), StandardCharsets.ISO_8859_1) : "";
    }

    /**
     * Waits (bounded) until the console shows {@code pattern} after the previous match; returns the match. The
     * console is not read past a line that matches {@code failure}: that fails at once.
     */
    Matcher await(Pattern pattern, int seconds, String what) throws IOException, InterruptedException {
        return await(pattern, null, seconds, what);
    }

    Matcher await(Pattern pattern, Pattern failure, int seconds, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String console = console();
            Matcher m = pattern.matcher(console);
            Matcher bad = failure == null ? null : failure.matcher(console);
            boolean found = m.find(cursor);
            if (bad != null && bad.find(cursor) && (!found || bad.start() < m.start())) {
                fail("waiting for " + what + ", the console showed \"" + bad.group() + "\"; console:\n" + console);
            }
            if (found) {
                cursor = m.end();
                return m;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(500);
        }
        fail("no " + what + " on the console within " + seconds + " s (qemu " + (process.isAlive() ? "running"
                : "exited") + "); console:\n" + console());
        return null;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
