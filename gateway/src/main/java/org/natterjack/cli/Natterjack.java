package org.natterjack.cli;

import org.natterjack.Version;
import org.natterjack.plugin.Plugins;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code natterjack} command line. */
@Command(name = "natterjack", mixinStandardHelpOptions = true, versionProvider = Natterjack.VersionProvider.class,
        description = "NAT-aware SIP gateway.",
        subcommands = {RunCommand.class, UserCommand.class, RouteCommand.class, GroupCommand.class,
                RelayBenchCommand.class})
public final class Natterjack {

    /** Exit code for a configuration or usage error. */
    static final int CONFIG_ERROR = 2;
    /** Exit code for a failure at start-up (port in use, unreadable store). */
    static final int STARTUP_ERROR = 1;

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new Natterjack());
        Plugins.commands().forEach(commandLine::addSubcommand);
        int code = commandLine
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("natterjack: " + e.getMessage());
                    return STARTUP_ERROR;
                })
                .execute(args);
        if (code != 0 || args.length == 0 || !"run".equals(args[0])) {
            System.exit(code);
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"natterjack " + Version.current()};
        }
    }
}
