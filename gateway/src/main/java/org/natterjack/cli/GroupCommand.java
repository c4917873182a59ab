package org.natterjack.cli;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.natterjack.routing.RingGroup;
import org.natterjack.sip.auth.SipUser;
import org.natterjack.store.GroupRepository;
import org.natterjack.store.Store;
import org.natterjack.store.UserRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code natterjack group add|list|remove}: ring groups ({@code group:NAME} routes); safe while the gateway runs. */
@Command(name = "group", description = "Manage ring groups (routes --to group:NAME).",
        subcommands = {GroupCommand.Add.class, GroupCommand.ListGroups.class, GroupCommand.Remove.class})
final class GroupCommand {


    @Command(name = "add", description = "Add a ring group.")
    static final class Add extends StoreOptions implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "A lower-case word.")
        String name;

        @Option(names = "--members", paramLabel = "USER,...", split = ",", required = true,
                description = "Local users in calling order.")
        List<String> members;

        @Option(names = "--strategy", paramLabel = "S",
                description = "parallel (all at once, default) or sequential (one after the other).")
        String strategy = "parallel";

        @Option(names = "--ring-seconds", paramLabel = "N",
                description = "How long the group (parallel) or each member (sequential) rings (default 30).")
        int ringSeconds = 30;

        @Override
        public Integer call() {
            RingGroup group;
            try {
                group = new RingGroup(name, members, RingGroup.Strategy.parse(strategy), ringSeconds);
            } catch (IllegalArgumentException e) {
                System.err.println("natterjack: " + e.getMessage());
                return Natterjack.CONFIG_ERROR;
            }
            Store store = store();
            if (!new GroupRepository(store).add(group)) {
                System.err.println("natterjack: group " + name + " already exists");
                return 1;
            }
            warnUnknown(store, group);
            System.out.println("Added group " + name);
            return 0;
        }

        private static void warnUnknown(Store store, RingGroup group) {
            try (UserRepository users = new UserRepository(store, Clock.systemUTC())) {
                Set<String> known = users.list().stream().map(SipUser::username).collect(Collectors.toSet());
                group.members().stream().filter(m -> !known.contains(m)).forEach(m -> System.err.println(
                        "natterjack: no user " + m + " (yet): calls skip it until it is added"));
            }
        }
    }

    @Command(name = "list", description = "List ring groups.")
    static final class ListGroups extends StoreOptions implements Callable<Integer> {
        @Override
        public Integer call() {
            for (RingGroup g : new GroupRepository(store()).list()) {
                System.out.println(g.name() + "\t" + g.strategy() + "\tring-seconds=" + g.ringSeconds()
                        + "\tmembers=" + String.join(",", g.members()));
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Remove a ring group (routes to it then find nobody: 404).")
    static final class Remove extends StoreOptions implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            if (!new GroupRepository(store()).remove(name)) {
                System.err.println("natterjack: no group " + name);
                return 1;
            }
            System.out.println("Removed group " + name);
            return 0;
        }
    }
}
