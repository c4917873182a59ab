package org.natterjack.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.natterjack.config.AuthSettings;
import org.natterjack.config.GatewayConfig;
import org.natterjack.sip.auth.SipUser;
import org.natterjack.store.Store;
import org.natterjack.store.UserRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code natterjack user add|list|remove}: SIP accounts in the store; safe while the gateway runs. */
@Command(name = "user", description = "Manage SIP users.",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Remove.class})
final class UserCommand {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._~+-]{1,64}");
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[?[0-9A-Fa-f:.]+]?");

    abstract static class StoreOptions {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "Store directory (default: ./data).")
        Path dataDir = GatewayConfig.DEFAULT_DATA_DIR;

        UserRepository open() {
            return new UserRepository(Store.open(dataDir));
        }
    }

    @Command(name = "add", description = "Add a user (the password is stored only as digest hashes).")
    static final class Add extends StoreOptions implements Callable<Integer> {
        @Parameters(paramLabel = "USER")
        String username;

        @Option(names = "--password", paramLabel = "PASS", required = true)
        String password;

        @Option(names = "--domain", paramLabel = "NAME",
                description = "Domain of the account; without it the account is valid in every local domain.")
        String domain;

        @Override
        public Integer call() {
            String d = domain == null ? "" : domain.toLowerCase(Locale.ROOT);
            if (!USERNAME.matcher(username).matches()) {
                System.err.println("natterjack: user name may hold letters, digits and . _ ~ + - (at most 64)");
                return Natterjack.CONFIG_ERROR;
            }
            if (!d.isEmpty() && !DOMAIN.matcher(d).matches()) {
                System.err.println("natterjack: '" + domain + "' is not a domain name or IP address");
                return Natterjack.CONFIG_ERROR;
            }
            if (password.isEmpty()) {
                System.err.println("natterjack: the password must not be empty");
                return Natterjack.CONFIG_ERROR;
            }
            String realm = d.isEmpty() ? AuthSettings.defaults().realm() : d;
            try (UserRepository users = open()) {
                if (!users.add(SipUser.withPassword(username, d, realm, password))) {
                    System.err.println("natterjack: user " + display(username, d) + " already exists");
                    return 1;
                }
            }
            System.out.println("Added " + display(username, d) + " (realm " + realm + ")");
            return 0;
        }
    }

    @Command(name = "list", description = "List users.")
    static final class ListUsers extends StoreOptions implements Callable<Integer> {
        @Override
        public Integer call() {
            try (UserRepository users = open()) {
                for (SipUser u : users.list()) {
                    System.out.println(display(u.username(), u.domain()) + "\trealm=" + u.realm());
                }
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Remove a user.")
    static final class Remove extends StoreOptions implements Callable<Integer> {
        @Parameters(paramLabel = "USER")
        String username;

        @Option(names = "--domain", paramLabel = "NAME")
        String domain;

        @Override
        public Integer call() {
            String d = domain == null ? "" : domain.toLowerCase(Locale.ROOT);
            try (UserRepository users = open()) {
                if (!users.remove(username, d)) {
                    System.err.println("natterjack: no user " + display(username, d));
                    return 1;
                }
            }
            System.out.println("Removed " + display(username, d));
            return 0;
        }
    }

    private static String display(String username, String domain) {
        return username + "@" + (domain.isEmpty() ? "*" : domain);
    }
}
