package org.natterjack.pstn.cli;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Callable;
import org.natterjack.config.ConfigException;
import org.natterjack.config.GatewayConfig;
import org.natterjack.plugin.LocalSipAddress;
import org.natterjack.pstn.PstnSettings;
import org.natterjack.pstn.asterisk.ConfigInputs;
import org.natterjack.pstn.asterisk.ConfigWriter;
import org.natterjack.pstn.asterisk.GeneratedConfig;
import org.natterjack.pstn.store.AmiSecret;
import org.natterjack.pstn.store.PstnRepository;
import org.natterjack.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code natterjack pstn generate}: writes the Asterisk and DAHDI configuration the gateway would write. */
@Command(name = "pstn", description = "PSTN adapter tools.", subcommands = PstnCommand.Generate.class)
public final class PstnCommand {

    @Command(name = "generate", description = "Write the generated Asterisk and DAHDI files into a directory"
            + " (to review them, or to check system.conf with dahdi_cfg -t -c DIR/system.conf).")
    static final class Generate extends StoreOption implements Callable<Integer> {
        @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where to write the files.")
        Path out;

        @Override
        public Integer call() {
            try {
                GatewayConfig gateway = file();
                PstnSettings settings = gateway.plugins().bind("pstn", PstnSettings.class);
                Store store = store();
                String secret = AmiSecret.of(store, Clock.systemUTC());
                InetSocketAddress sip = LocalSipAddress.of(gateway.sip());
                GeneratedConfig files = GeneratedConfig.of(new ConfigInputs(settings, new PstnRepository(store).plan(),
                        sip, ConfigInputs.domain(settings, gateway.sip().domains(), sip), secret));
                Set<String> written = new ConfigWriter(out, out, settings.asteriskGroup()).write(files);
                System.out.println("Wrote " + (written.isEmpty() ? "nothing (all files up to date)" : written)
                        + " to " + out);
                return 0;
            } catch (ConfigException | IllegalArgumentException e) {
                return refuse(e.getMessage());
            }
        }
    }
}
