package org.natterjack.cli;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.time.Clock;
import org.natterjack.config.ConfigException;
import org.natterjack.config.SettingsOverlay;
import org.natterjack.store.SettingsRepository;
import org.natterjack.sip.auth.SipUser;
import org.natterjack.store.UserRepository;
import org.natterjack.users.UserPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code natterjack user add|set|list|remove}: SIP accounts in the store; safe while the gateway runs. */
@Command(name = "user", description = "Manage SIP users.",
        subcommands = {UserCommand.Add.class, UserCommand.SetPolicy.class, UserCommand.ListUsers.class,
                UserCommand.Remove.class})
final class UserCommand {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._~+-]{1,64}");
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[?[0-9A-Fa-f:.]+]?");

    abstract static class UserOptions extends StoreOptions {
        UserRepository open() {
            return new UserRepository(store(), Clock.systemUTC());
        }
    }

    /** Commands that hash a password: for the realm the gateway challenges with. */
    abstract static class PasswordOptions extends UserOptions {
        /** auth.realm as the gateway uses it: the configuration file, overridden by settings saved in the store. */
        String realm() {
            Map<String, String> stored = new SettingsRepository(store(), Clock.systemUTC()).all();
            return SettingsOverlay.atStart(file(), stored).auth().realm();
        }
    }


    /** The account a command works on: USER and its optional {@code --domain}. */
    static final class Account {
        @Parameters(paramLabel = "USER")
        String username;

        @Option(names = "--domain", paramLabel = "NAME",
                description = "Domain of the account; without it the account is valid in every local domain.")
        String domain;

        /** The domain as stored: lower case, "" for every local domain. */
        String domain() {
            return domain == null ? "" : domain.toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return display(username, domain());
        }
    }

    /** The per-user settings, for {@code add} and {@code set}; an option not given keeps its value. */
    static final class PolicyOptions {
        @Option(names = "--max-contacts", paramLabel = "N",
                description = "Contacts the user may register at once, 1-100; 0 = registrar.max-contacts.")
        Integer maxContacts;

        @Option(names = "--nat-policy", paramLabel = "auto|always|never",
                description = "auto: the NAT test decides; always: treat as behind NAT; never: trust the Contact.")
        String natPolicy;

        @Option(names = "--home-route", paramLabel = "DEST",
                description = "Where calls go while the user has no binding (trunk:NAME, hop:HOST:PORT, user:NAME,"
                        + " group:NAME, reject:CODE); '' = none.")
        String homeRoute;

        @Option(names = "--tunnel", paramLabel = "allow|deny",
                description = "Whether the user may log in to the tunnel (natterjack agent); allowed by default.")
        String tunnel;

        UserPolicy applyTo(UserPolicy current) {
            return new UserPolicy(maxContacts == null ? current.maxContacts() : maxContacts,
                    natPolicy == null ? current.natPolicy() : UserPolicy.parseNatPolicy(natPolicy),
                    homeRoute == null ? current.homeRoute() : homeRoute,
                    tunnel == null ? current.tunnel() : allowed(tunnel));
        }

        private static boolean allowed(String text) {
            return switch (text) {
                case "allow" -> true;
                case "deny" -> false;
                default -> throw new IllegalArgumentException("--tunnel: allow or deny, not '" + text + "'");
            };
        }

        /** A refusal of {@link UserPolicy}, naming the option instead of the admin API's field. */
        static String refusal(IllegalArgumentException e) {
            return "natterjack: " + e.getMessage().replaceFirst("^maxContacts:", "--max-contacts:")
                    .replaceFirst("^natPolicy:", "--nat-policy:").replaceFirst("^homeRoute:", "--home-route:");
        }
    }

    @Command(name = "add", description = "Add a user (the password is stored only as digest hashes).")
    static final class Add extends PasswordOptions implements Callable<Integer> {
        @Mixin
        Account account = new Account();

        @Option(names = "--password", paramLabel = "PASS", required = true)
        String password;

        @Mixin
        PolicyOptions policyOptions = new PolicyOptions();

        @Override
        public Integer call() {
            String username = account.username;
            String d = account.domain();
            if (!USERNAME.matcher(username).matches()) {
                System.err.println("natterjack: user name may hold letters, digits and . _ ~ + - (at most 64)");
                return Natterjack.CONFIG_ERROR;
            }
            if (!d.isEmpty() && !DOMAIN.matcher(d).matches()) {
                System.err.println("natterjack: '" + account.domain + "' is not a domain name or IP address");
                return Natterjack.CONFIG_ERROR;
            }
            if (password.isEmpty()) {
                System.err.println("natterjack: the password must not be empty");
                return Natterjack.CONFIG_ERROR;
            }
            UserPolicy policy;
            try {
                policy = policyOptions.applyTo(UserPolicy.DEFAULT);
            } catch (IllegalArgumentException e) {
                System.err.println(PolicyOptions.refusal(e));
                return Natterjack.CONFIG_ERROR;
            }
            String realm;
            try {
                realm = realm();
            } catch (ConfigException | IllegalArgumentException e) {
                System.err.println("natterjack: " + e.getMessage());
                return Natterjack.CONFIG_ERROR;
            }
            try (UserRepository users = open()) {
                if (!users.add(SipUser.withPassword(username, d, realm, password))) {
                    System.err.println("natterjack: user " + account + " already exists");
                    return 1;
                }
                users.setPolicy(username, d, policy);
            }
            System.out.println("Added " + account + " (realm " + realm + ")");
            return 0;
        }
    }

    @Command(name = "set", description = "Change a user's password, max contacts, NAT policy or home route.")
    static final class SetPolicy extends PasswordOptions implements Callable<Integer> {
        @Mixin
        Account account = new Account();

        @Option(names = "--password", paramLabel = "PASS", description = "A new password.")
        String password;

        @Mixin
        PolicyOptions policyOptions = new PolicyOptions();

        @Override
        public Integer call() {
            try (UserRepository users = open()) {
                UserPolicy current = users.policies().get(UserRepository.key(account.username, account.domain()));
                if (current == null) {
                    System.err.println("natterjack: no user " + account);
                    return 1;
                }
                UserPolicy policy = policyOptions.applyTo(current);
                if (password != null) {
                    if (password.isEmpty()) {
                        System.err.println("natterjack: the password must not be empty");
                        return Natterjack.CONFIG_ERROR;
                    }
                    users.replace(SipUser.withPassword(account.username, account.domain(), realm(), password));
                }
                users.setPolicy(account.username, account.domain(), policy);
                System.out.println("Changed " + account + ": " + describe(policy));
                return 0;
            } catch (ConfigException e) {
                System.err.println("natterjack: " + e.getMessage());
                return Natterjack.CONFIG_ERROR;
            } catch (IllegalArgumentException e) {
                System.err.println(PolicyOptions.refusal(e));
                return Natterjack.CONFIG_ERROR;
            }
        }
    }

    @Command(name = "list", description = "List users.")
    static final class ListUsers extends UserOptions implements Callable<Integer> {
        @Override
        public Integer call() {
            try (UserRepository users = open()) {
                Map<String, UserPolicy> policies = users.policies();
                for (SipUser u : users.list()) {
                    System.out.println(display(u.username(), u.domain()) + "\trealm=" + u.realm() + "\t"
                            + describe(policies.getOrDefault(UserRepository.key(u.username(), u.domain()),
                                    UserPolicy.DEFAULT)));
                }
            }
            return 0;
        }
    }

    private static String describe(UserPolicy policy) {
        return "max-contacts=" + (policy.maxContacts() == 0 ? "default" : policy.maxContacts())
                + " nat-policy=" + policy.natPolicy().text()
                + " home-route=" + (policy.homeRoute().isEmpty() ? "none" : policy.homeRoute())
                + " tunnel=" + (policy.tunnel() ? "allow" : "deny");
    }

    @Command(name = "remove", description = "Remove a user.")
    static final class Remove extends UserOptions implements Callable<Integer> {
        @Mixin
        Account account = new Account();

        @Override
        public Integer call() {
            try (UserRepository users = open()) {
                if (!users.remove(account.username, account.domain())) {
                    System.err.println("natterjack: no user " + account);
                    return 1;
                }
            }
            System.out.println("Removed " + account);
            return 0;
        }
    }

    private static String display(String username, String domain) {
        return username + "@" + (domain.isEmpty() ? "*" : domain);
    }
}
