package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DAHDI's own parser accepts the generated system.conf: spans and trunks added with the command line, the
 * files written with {@code natterjack pstn generate}, and {@code dahdi_cfg -t} (test mode) run on them in the
 * Asterisk chroot. dahdi_cfg opens /dev/dahdi/ctl even in test mode, so a null device stands in for it while
 * the check runs (there is no DAHDI driver here).
 */
class DahdiSystemConfIT {

    @TempDir
    Path dir;

    private void cli(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dir.resolve("data").toString()));
        GatewayProcess.CliResult r = GatewayProcess.run(List.of(), all.toArray(String[]::new));
        assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.output());
    }

    private static AsteriskChroot.Result dahdiCfg(Path root, String file) throws Exception {
        Path ctl = root.resolve("dev/dahdi/ctl");
        Files.createDirectories(ctl.getParent());
        try {
            AsteriskChroot.run(List.of("mknod", ctl.toString(), "c", "1", "3"), 10);
            return AsteriskChroot.inside(30, "dahdi_cfg", "-t", "-v", "-c", file);
        } finally {
            Files.deleteIfExists(ctl);
        }
    }

    @Test
    void dahdiCfgAcceptsTheGeneratedSpans() throws Exception {
        Path root = AsteriskChroot.get();
        cli("trunk", "add", "city", "--group", "1");
        cli("trunk", "add", "county", "--group", "2");
        cli("span", "add", "1", "--trunk", "city", "--type", "e1");
        cli("span", "add", "2", "--trunk", "county", "--type", "t1", "--lbo", "1");
        cli("span", "add", "3", "--trunk", "county", "--type", "fxo", "--ports", "4", "--echo-canceller", "none");
        String inside = "/srv/natterjack-it/dahdi-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
        Path out = root.resolve(inside.substring(1));
        try {
            cli("pstn", "generate", "--out", out.toString());
            AsteriskChroot.Result ok = dahdiCfg(root, inside + "/system.conf");
            assertEquals(0, ok.exitCode(), ok.output());
            assertTrue(ok.output().contains("SPAN 1: CCS/HDB3 Build-out: 0 db (CSU)/0-133 feet (DSX-1)"), ok.output());
            assertTrue(ok.output().contains("SPAN 2: ESF/B8ZS Build-out: 133-266 feet (DSX-1)"), ok.output());
            assertTrue(ok.output().contains("59 channels to configure."), ok.output());

            Files.writeString(out.resolve("broken.conf"), Files.readString(out.resolve("system.conf"))
                    .replace("span=1,1,0,ccs,hdb3,crc4", "span=1,1,0,ccs,hdb4,crc4"));
            AsteriskChroot.Result broken = dahdiCfg(root, inside + "/broken.conf");
            assertEquals(1, broken.exitCode(), "the check is real: an unknown line coding is refused\n" + broken.output());
        } finally {
            AsteriskChroot.run(List.of("rm", "-rf", out.toString()), 30);
        }
    }
}
