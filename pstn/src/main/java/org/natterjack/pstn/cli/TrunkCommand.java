package org.natterjack.pstn.cli;

import java.util.concurrent.Callable;
import org.natterjack.pstn.api.TrunkSpec;
import org.natterjack.pstn.trunk.Specs;
import org.natterjack.pstn.trunk.Trunk;
import org.natterjack.pstn.trunk.TrunkType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code natterjack trunk add|list|remove}: PSTN trunks in the store; a running gateway applies changes. */
@Command(name = "trunk", description = "Manage PSTN trunks (telephone lines behind Asterisk; route with trunk:NAME).",
        subcommands = {TrunkCommand.Add.class, TrunkCommand.ListTrunks.class, TrunkCommand.Remove.class})
public final class TrunkCommand {

    @Command(name = "add", description = "Add a trunk.")
    static final class Add extends StoreOption implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "Lower-case word, as in trunk:NAME routes.")
        String name;

        @Option(names = "--type", paramLabel = "TYPE", description = "dahdi (default) or sip-peer (a SIP peer"
                + " standing in for the telephone network, for tests and labs).")
        String type = "dahdi";

        @Option(names = "--group", paramLabel = "N", description = "DAHDI group of its channels (default 1).")
        int group = 1;

        @Option(names = "--peer", paramLabel = "IP:PORT", description = "The SIP peer (sip-peer trunks).")
        String peer;

        @Option(names = "--presentation", paramLabel = "P", description = "allowed (default) or restricted.")
        String presentation = "allowed";

        @Option(names = "--caller-id", paramLabel = "NUMBER", description = "Present this number on outgoing calls.")
        String callerId;

        @Option(names = "--failover", paramLabel = "TRUNK",
                description = "Trunk taking calls when this one is down or congested (Q.850 34, 42).")
        String failover;

        @Option(names = "--inbound-number", paramLabel = "NUMBER", description = "Route calls arriving without"
                + " a dialled number (analog FXO lines) as calls to NUMBER.")
        String inboundNumber;

        @Option(names = "--description", paramLabel = "TEXT")
        String description = "";

        @Override
        public Integer call() {
            try {
                open().addTrunk(Specs.trunk(new TrunkSpec(name, type, group, peer, presentation, callerId, failover,
                        inboundNumber, description)));
                System.out.println("Added trunk " + name);
                return 0;
            } catch (IllegalArgumentException e) {
                return refuse(e.getMessage());
            }
        }
    }

    @Command(name = "list", description = "List trunks.")
    static final class ListTrunks extends StoreOption implements Callable<Integer> {
        @Override
        public Integer call() {
            for (Trunk t : open().plan().trunks()) {
                System.out.println(t.name() + "\t" + t.type().label()
                        + (t.type() == TrunkType.DAHDI ? "\tgroup=" + t.group() : "\tpeer=" + t.peer().orElseThrow())
                        + "\tpresentation=" + t.presentation().label()
                        + t.callerId().map(n -> "\tcaller-id=" + n).orElse("")
                        + t.failover().map(f -> "\tfailover=" + f).orElse("")
                        + t.inboundNumber().map(n -> "\tinbound-number=" + n).orElse("")
                        + (t.description().isEmpty() ? "" : "\t# " + t.description()));
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Remove a trunk (its spans first).")
    static final class Remove extends StoreOption implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            try {
                if (!open().removeTrunk(name)) {
                    System.err.println("natterjack: no trunk " + name);
                    return 1;
                }
            } catch (IllegalArgumentException e) {
                return refuse(e.getMessage());
            }
            System.out.println("Removed trunk " + name);
            return 0;
        }
    }
}
