package org.natterjack.cli;

import java.util.concurrent.Callable;
import org.natterjack.routing.RuleSpec;
import org.natterjack.store.RouteRepository;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code natterjack route add|list|remove}: the routing table in the store; safe while the gateway runs. */
@Command(name = "route", description = "Manage routing rules (first match wins).",
        subcommands = {RouteCommand.Add.class, RouteCommand.ListRoutes.class, RouteCommand.Remove.class})
final class RouteCommand {

    abstract static class RouteOptions extends StoreOptions {
        RouteRepository open() {
            return new RouteRepository(store());
        }
    }

    static final class Match {
        @Option(names = "--prefix", paramLabel = "DIGITS", description = "Match Request-URI users starting so.")
        String prefix;

        @Option(names = "--regex", paramLabel = "RE", description = "Match Request-URI users matching RE.")
        String regex;
    }

    @Command(name = "add", description = "Add a rule.")
    static final class Add extends RouteOptions implements Callable<Integer> {
        @ArgGroup(multiplicity = "1")
        Match match;

        @Option(names = "--to", paramLabel = "DEST", required = true,
                description = "user:NAME (NAME * = the rewritten number), hop:HOST:PORT[;transport=tcp],"
                        + " reject:CODE, redirect:NAME, trunk:NAME (a PSTN trunk), group:NAME (a ring group)")
        String destination;

        @Option(names = "--source", paramLabel = "CIDR", description = "Only for requests from this block.")
        String source;

        @Option(names = "--strip", paramLabel = "N", description = "Remove N leading characters.")
        int strip;

        @Option(names = "--add-prefix", paramLabel = "P", description = "Then prepend P.")
        String addPrefix = "";

        @Option(names = "--replace", paramLabel = "RE", description = "Then replace matches of RE ...")
        String replace;

        @Option(names = "--with", paramLabel = "X", description = "... with X ($1 for groups).")
        String replacement;

        @Option(names = "--failover", description = "On 408 or 5xx try the next matching rule.")
        boolean failover;

        @Option(names = "--position", paramLabel = "N", description = "Evaluation order (default 100).")
        int position = 100;

        @Option(names = "--description", paramLabel = "TEXT")
        String description = "";

        @Override
        public Integer call() {
            RuleSpec spec = new RuleSpec(0, position, match.prefix, match.regex, source, strip, addPrefix, replace,
                    replacement, destination, failover, description);
            try (RouteRepository routes = open()) {
                long id = routes.add(spec);
                System.out.println("Added route " + id);
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println("natterjack: " + e.getMessage());
                return Natterjack.CONFIG_ERROR;
            }
        }
    }

    @Command(name = "list", description = "List rules in evaluation order.")
    static final class ListRoutes extends RouteOptions implements Callable<Integer> {
        @Override
        public Integer call() {
            try (RouteRepository routes = open()) {
                for (RuleSpec r : routes.list()) {
                    System.out.println(r.id() + "\tpos=" + r.position()
                            + (r.prefix() != null ? "\tprefix=" + r.prefix() : "\tregex=" + r.regex())
                            + (r.source() != null ? "\tsource=" + r.source() : "")
                            + (r.strip() > 0 ? "\tstrip=" + r.strip() : "")
                            + (r.addPrefix().isEmpty() ? "" : "\tadd-prefix=" + r.addPrefix())
                            + (r.replace() != null ? "\treplace=" + r.replace() + "->" + r.replacement() : "")
                            + "\tto=" + r.destination() + (r.failover() ? "\tfailover" : "")
                            + (r.description().isEmpty() ? "" : "\t# " + r.description()));
                }
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Remove a rule by id.")
    static final class Remove extends RouteOptions implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            try (RouteRepository routes = open()) {
                if (!routes.remove(id)) {
                    System.err.println("natterjack: no route " + id);
                    return 1;
                }
            }
            System.out.println("Removed route " + id);
            return 0;
        }
    }
}
