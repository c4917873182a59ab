package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Debian sid chroot with Asterisk 22 and chan_dahdi (Debian stable has no Asterisk), built with mmdebstrap
 * once and cached outside target/ (in .cache/asterisk-sid of the repository) so that {@code mvn clean} keeps
 * it; a fresh clone builds it once per test run (about 2 minutes, 350 MB).
 *
 * <p>asterisk-dahdi depends on the DAHDI kernel modules' source package (dahdi-dkms, which pulls a compiler
 * and kernel headers); an empty stand-in package satisfies it, since the tests have no cards anyway.
 */
public final class AsteriskChroot {

    /** Changing what the chroot holds changes this, so a stale cache is rebuilt. */
    private static final String RECIPE = "sid: asterisk asterisk-modules asterisk-dahdi (dahdi-dkms stand-in) v1";
    private static final String MIRROR = "http://deb.debian.org/debian";
    private static Path root;

    private AsteriskChroot() {
    }

    /** The chroot's root directory, built on first use; skips the test if not run as root (chroot needs it). */
    public static synchronized Path get() throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "Asterisk tests need root (chroot); CI runs as root");
        if (root != null) {
            return root;
        }
        Path cache = Path.of(System.getProperty("natterjack.cache.dir", "../.cache")).toAbsolutePath().normalize();
        Path dir = cache.resolve("asterisk-sid");
        Path marker = dir.resolve(".natterjack-recipe");
        if (!Files.exists(marker) || !Files.readString(marker).equals(RECIPE)) {
            build(cache, dir);
            Files.writeString(marker, RECIPE);
        }
        root = dir;
        return root;
    }

    private static void build(Path cache, Path dir) throws IOException, InterruptedException {
        if (run(List.of("sh", "-c", "command -v mmdebstrap"), 10).exitCode != 0) {
            fail("mmdebstrap is missing: apt-get install mmdebstrap (./test.sh installs it)");
        }
        Files.createDirectories(cache);
        Path building = cache.resolve("asterisk-sid.building");
        run(List.of("rm", "-rf", building.toString(), dir.toString()), 120);
        Path stub = stubDahdiDkms(cache);
        System.err.println("Building the Asterisk chroot in " + dir + " (once; about 2 minutes)");
        Result r = run(List.of("mmdebstrap", "--variant=apt", "--include=asterisk,asterisk-modules",
                "--aptopt=Acquire::Check-Valid-Until \"false\"",
                "--customize-hook=copy-in " + stub + " /tmp",
                "--customize-hook=chroot \"$1\" sh -c 'dpkg -i /tmp/dahdi-dkms.deb && apt-get install -y -q"
                        + " --no-install-recommends asterisk-dahdi && rm /tmp/dahdi-dkms.deb'",
                "sid", building.toString(), MIRROR), 900);
        if (r.exitCode != 0) {
            fail("mmdebstrap failed (" + r.exitCode + "):\n" + r.output);
        }
        Files.move(building, dir);
    }

    /** An empty package named dahdi-dkms, built with dpkg-deb. */
    private static Path stubDahdiDkms(Path cache) throws IOException, InterruptedException {
        Path pkg = cache.resolve("dahdi-dkms-stub");
        Files.createDirectories(pkg.resolve("DEBIAN"));
        Files.writeString(pkg.resolve("DEBIAN/control"), """
                Package: dahdi-dkms
                Version: 99:0-natterjack
                Architecture: all
                Maintainer: Natterjack tests <tests@natterjack.invalid>
                Description: empty stand-in for the DAHDI kernel module sources (test chroot without cards)
                """);
        Path deb = cache.resolve("dahdi-dkms.deb");
        Result r = run(List.of("dpkg-deb", "--build", pkg.toString(), deb.toString()), 60);
        if (r.exitCode != 0) {
            fail("dpkg-deb failed:\n" + r.output);
        }
        return deb;
    }

    /** Runs a command inside the chroot (bounded). */
    public static Result inside(int timeoutSeconds, String... command) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("chroot", get().toString()));
        cmd.addAll(List.of(command));
        return run(cmd, timeoutSeconds);
    }

    public record Result(int exitCode, String output) {
    }

    public static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("natterjack-cmd", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
