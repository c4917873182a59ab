package org.natterjack.appliance;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The appliance image booted in qemu with UEFI firmware (OVMF), as a box on the desk: changes go to a
 * throw-away copy-on-write overlay of the image, the serial console to a file that qemu writes at all times (a
 * console nobody reads would block the guest), and user-mode networking forwards SIP (UDP and TCP) and the web
 * admin to loopback ports. Software emulation (TCG) unless told otherwise: KVM here starts guests that die
 * at their first instruction.
 *
 * <p>A reboot of the guest is a fresh qemu on the same overlay ({@code -no-reboot}, relaunched here), the way a
 * power cycle is: qemu 7.2's TCG, resetting a two-vCPU guest under OVMF, now and then never ran the firmware
 * again (the console stopped at "reboot: machine restart" for 15 minutes, in CI and here).
 */
final class Qemu implements AutoCloseable {

    private static final String ACCEL = System.getProperty("natterjack.qemu.accel", "tcg");
    /** More than the test's reboots (an upgrade, a network change, three failed tries and the fall-back). */
    private static final int MAX_BOOTS = 12;

    private final List<String> command;
    private final Path dir;
    private final Path serial;
    private final Thread supervisor;
    private volatile Process process;
    private volatile boolean closed;
    private volatile int boots;
    /** Where the next {@link #await} starts looking: after the previous match, so that reboots repeat lines. */
    private int cursor;

    private Qemu(List<String> command, Path dir, Path serial) throws IOException {
        this.command = command;
        this.dir = dir;
        this.serial = serial;
        this.process = start();
        this.supervisor = new Thread(this::relaunchOnReboot, "qemu-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
    }

    static Qemu boot(Path image, Path dir, int sipPort, int adminPort) throws IOException, InterruptedException {
        Path vars = dir.resolve("OVMF_VARS.fd");
        Files.copy(Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd"), vars);
        Path overlay = dir.resolve("overlay.qcow2");
        Process create = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", "-F", "raw", "-b",
                image.toString(), overlay.toString()).inheritIO().start();
        if (!create.waitFor(60, TimeUnit.SECONDS) || create.exitValue() != 0) {
            throw new IOException("qemu-img could not create the overlay " + overlay);
        }
        Path serial = dir.resolve("serial.log");
        // Under multi-threaded TCG (qemu 7.2) the guest's JVM died with SIGILL in freshly JIT-compiled code
        // (DigestBase, BouncyCastle's Argon2), most likely code one vCPU patched and another did not see yet;
        // with one host thread for both vCPUs it has not happened.
        String accel = "tcg".equals(ACCEL) ? "tcg,thread=single" : ACCEL;
        List<String> cmd = List.of("qemu-system-x86_64", "-machine", "q35", "-accel", accel,
                "-m", "1536", "-smp", "2", "-nographic", "-no-reboot",
                "-drive", "if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd",
                "-drive", "if=pflash,format=raw,file=" + vars,
                "-drive", "file=" + overlay + ",if=virtio,format=qcow2",
                "-netdev", "user,id=n0,hostfwd=udp:127.0.0.1:" + sipPort + "-:5060,hostfwd=tcp:127.0.0.1:" + sipPort
                        + "-:5060,hostfwd=tcp:127.0.0.1:" + adminPort + "-:8443",
                "-device", "virtio-net-pci,netdev=n0",
                "-chardev", "file,id=console,path=" + serial + ",append=on", "-serial", "chardev:console",
                "-monitor", "none", "-display", "none");
        return new Qemu(cmd, dir, serial);
    }

    private Process start() throws IOException {
        boots++;
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("qemu.out").toFile())).start();
    }

    /** Each time the guest reboots (qemu exits with 0), boots it again, up to {@link #MAX_BOOTS}. */
    private void relaunchOnReboot() {
        try {
            while (!closed) {
                int exit = process.waitFor();
                synchronized (this) {
                    if (closed || exit != 0 || boots >= MAX_BOOTS) {
                        return;
                    }
                    process = start();
                }
            }
        } catch (IOException | InterruptedException e) {
            // Closed, or qemu could not be started again: await reports qemu as exited.
        }
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
            if (!process.isAlive() && !supervisor.isAlive()) {
                break;
            }
            Thread.sleep(500);
        }
        fail("no " + what + " on the console within " + seconds + " s (qemu " + (process.isAlive() ? "running"
                : "exited") + ", boot " + boots + "); console:\n" + console());
        return null;
    }

    @Override
    public void close() throws InterruptedException {
        Process process;
        synchronized (this) {
            closed = true;
            process = this.process;
        }
        supervisor.interrupt();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
