package org.natterjack.tunnel.agent;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.natterjack.config.ListenAddress;
import org.natterjack.net.IpLiteral;
import org.natterjack.tunnel.login.Fingerprint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code natterjack agent}: the tunnel's client side, in the foreground, logging to the console. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Carry local SIP applications' signalling to a Natterjack gateway over one TLS connection.")
public final class AgentCommand implements Callable<Integer> {

    @Option(names = "--gateway", required = true, paramLabel = "HOST[:PORT]",
            description = "The gateway's tunnel (port 443 unless given).")
    String gateway;

    @Option(names = "--user", required = true, description = "The SIP user to log in as.")
    String user;

    @Option(names = "--password", required = true, description = "That user's SIP password.")
    String password;

    @Option(names = "--domain", description = "The user's SIP domain (default: the gateway's host).")
    String domain;

    @Option(names = "--listen", paramLabel = "IP:PORT", defaultValue = "127.0.0.1:5060",
            description = "Where local SIP applications send to (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--fingerprint", paramLabel = "SHA256",
            description = "The gateway certificate's SHA-256 fingerprint, as the web admin shows it.")
    String fingerprint;

    @Option(names = "--proxy", paramLabel = "HOST:PORT", description = "Reach the gateway through this HTTP proxy.")
    String proxy;

    @Option(names = "--ping-seconds", defaultValue = "5", hidden = true,
            description = "Ping the gateway when nothing else was sent for this long.")
    int pingSeconds;

    @Option(names = "--dead-seconds", defaultValue = "15", hidden = true,
            description = "Reconnect when nothing came from the gateway for this long.")
    int deadSeconds;

    @Override
    public Integer call() throws Exception {
        InetSocketAddress gatewayAddress = hostPort(gateway, 443);
        ListenAddress local = ListenAddress.parse(listen);
        AgentOptions options = new AgentOptions(gatewayAddress, user, password,
                domain != null ? domain : gatewayAddress.getHostString(),
                new InetSocketAddress(local.address(), local.port()),
                Optional.ofNullable(fingerprint).map(Fingerprint::new),
                Optional.ofNullable(proxy).map(p -> hostPort(p, 3128)), Duration.ofSeconds(pingSeconds),
                Duration.ofSeconds(deadSeconds));
        CountDownLatch stopped = new CountDownLatch(1);
        Agent agent = new Agent(options, DeviceInstance.ofThisHost());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "natterjack-agent-stop"));
        agent.start();
        stopped.await();
        return 0;
    }

    /** HOST, HOST:PORT or [IPv6]:PORT; the host name is kept unresolved (TLS checks it, a proxy resolves it). */
    static InetSocketAddress hostPort(String text, int defaultPort) {
        String host = text;
        int port = defaultPort;
        int colon = text.lastIndexOf(':');
        boolean bracketed = text.startsWith("[");
        if (colon > 0 && (bracketed ? text.lastIndexOf(']') < colon : text.indexOf(':') == colon)) {
            host = text.substring(0, colon);
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a port in '" + text + "'");
            }
        }
        host = bracketed ? host.substring(1, host.length() - 1) : host;
        if (port < 1 || port > 65535 || host.isEmpty()) {
            throw new IllegalArgumentException("not HOST[:PORT]: '" + text + "'");
        }
        return IpLiteral.isLiteral(host) ? new InetSocketAddress(literal(host), port)
                : InetSocketAddress.createUnresolved(host, port);
    }

    private static InetAddress literal(String host) {
        return IpLiteral.parseHost(host).orElseThrow();
    }
}
