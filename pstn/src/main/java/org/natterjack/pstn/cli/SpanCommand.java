package org.natterjack.pstn.cli;

import java.util.concurrent.Callable;
import org.natterjack.pstn.api.SpanSpec;
import org.natterjack.pstn.store.PstnRepository;
import org.natterjack.pstn.trunk.Span;
import org.natterjack.pstn.trunk.Specs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code natterjack span add|list|remove}: DAHDI spans and the trunks they serve. */
@Command(name = "span", description = "Manage DAHDI spans (T1/E1 ports, analog ports) of PSTN trunks.",
        subcommands = {SpanCommand.Add.class, SpanCommand.ListSpans.class, SpanCommand.Remove.class})
public final class SpanCommand {

    @Command(name = "add", description = "Add a span; unset options take the line type's usual values.")
    static final class Add extends StoreOption implements Callable<Integer> {
        @Parameters(paramLabel = "NUMBER", description = "The span number DAHDI gave the port (dahdi_scan).")
        int number;

        @Option(names = "--trunk", paramLabel = "NAME", required = true, description = "The dahdi trunk it serves.")
        String trunk;

        @Option(names = "--type", paramLabel = "TYPE", required = true, description = "e1, t1, fxo or fxs.")
        String type;

        @Option(names = "--ports", paramLabel = "N", description = "Number of analog ports (fxo, fxs).")
        int ports;

        @Option(names = "--first-channel", paramLabel = "N",
                description = "Its first DAHDI channel (default: after the spans so far).")
        Integer firstChannel;

        @Option(names = "--timing", paramLabel = "N",
                description = "Clock source preference, 0 = never (default: next preference for pri_cpe, else 0).")
        Integer timing;

        @Option(names = "--lbo", paramLabel = "0-7", description = "Line build-out (default 0).")
        int lbo;

        @Option(names = "--framing", paramLabel = "F", description = "ccs/cas (E1, default ccs), esf/d4 (T1, default esf).")
        String framing;

        @Option(names = "--coding", paramLabel = "C", description = "hdb3/ami (E1, default hdb3), b8zs/ami (T1, default b8zs).")
        String coding;

        @Option(names = "--no-crc4", description = "E1 without CRC-4 multiframe.")
        boolean noCrc4;

        @Option(names = "--signalling", paramLabel = "S",
                description = "pri_cpe (default), pri_net; analog: fxs_ks (fxo default), fxo_ks (fxs default).")
        String signalling;

        @Option(names = "--switchtype", paramLabel = "T",
                description = "ISDN dialect (default euroisdn for E1, national for T1).")
        String switchtype;

        @Option(names = "--echo-canceller", paramLabel = "NAME", description = "DAHDI echo canceller (default mg2; none).")
        String echoCanceller = "mg2";

        @Override
        public Integer call() {
            try {
                PstnRepository repository = open();
                Span span = Specs.span(new SpanSpec(number, trunk, type, ports, firstChannel, timing, lbo, framing,
                        coding, !noCrc4, signalling, switchtype, echoCanceller), repository.plan());
                repository.addSpan(span);
                System.out.println("Added span " + number + " (channels " + span.firstChannel() + "-"
                        + span.lastChannel() + ") to trunk " + trunk);
                return 0;
            } catch (IllegalArgumentException e) {
                return refuse(e.getMessage());
            }
        }
    }

    @Command(name = "list", description = "List spans.")
    static final class ListSpans extends StoreOption implements Callable<Integer> {
        @Override
        public Integer call() {
            for (Span s : open().plan().spans()) {
                System.out.println(s.number() + "\ttrunk=" + s.trunk() + "\t" + s.type().label()
                        + "\tchannels=" + s.firstChannel() + "-" + s.lastChannel()
                        + "\tsignalling=" + s.signalling()
                        + (s.type().isDigital() ? "\ttiming=" + s.timing() + "\tlbo=" + s.lbo() + "\t" + s.framing()
                        + "/" + s.coding() + (s.crc4() ? "/crc4" : "") + "\tswitchtype=" + s.switchtype() : "")
                        + "\techo=" + s.echoCanceller());
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Remove a span.")
    static final class Remove extends StoreOption implements Callable<Integer> {
        @Parameters(paramLabel = "NUMBER")
        int number;

        @Override
        public Integer call() {
            if (!open().removeSpan(number)) {
                System.err.println("natterjack: no span " + number);
                return 1;
            }
            System.out.println("Removed span " + number);
            return 0;
        }
    }
}
