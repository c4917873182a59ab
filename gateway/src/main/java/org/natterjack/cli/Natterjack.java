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
        int code = commandLine().execute(args);
        if (code != 0 || args.length == 0 || !"run".equals(args[0])) {
            System.exit(code);
        }
    }

    /**
     * The command line with the plug-ins' commands. A usage error (an unknown command or option, a missing
     * subcommand) prints the problem and the usage on stderr and exits with {@link #CONFIG_ERROR}, picocli's
     * convention; a failure while a command runs prints one line and exits with {@link #STARTUP_ERROR}.
     */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Natterjack());
        Plugins.commands().forEach(commandLine::addSubcommand);
        return commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("natterjack: " + e.getMessage());
            return STARTUP_ERROR;
        });
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"natterjack " + Version.current()};
        }
    }
}
