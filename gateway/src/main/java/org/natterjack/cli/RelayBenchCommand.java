package org.natterjack.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.natterjack.config.ListenAddress;
import org.natterjack.config.RelayInterfaceSettings;
import org.natterjack.config.RelaySettings;
import org.natterjack.media.relay.MediaRelay;
import org.natterjack.media.relay.RelaySession;
import org.natterjack.media.relay.SdpOutcome;
import org.natterjack.media.relay.SessionStats;
import org.natterjack.media.relay.Side;
import org.natterjack.media.relay.StreamStats;
import org.natterjack.media.sdp.Connection;
import org.natterjack.media.sdp.Sdp;
import org.natterjack.media.sdp.SdpException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code natterjack relay-bench}: the media relay alone, for benchmarks. Opens N answered sessions with one
 * audio stream each, as if caller {@code i} sat at {@code --caller HOST:PORT+2i} and callee {@code i} at
 * {@code --callee HOST:PORT+2i}, prints where each party must send, then prints statistics until stopped
 * (SIGTERM/Ctrl-C) or {@code --duration} is over.
 *
 * <p>Output, one record per line, space-separated:
 * <pre>
 *   SESSION i CALL-ID CALLER_SENDS_TO host:port CALLEE_SENDS_TO host:port
 *   READY n
 *   STATS unix-seconds sessions=n pps=... bps=... forwarded=... dropped=... relay-cpu=...%
 *   TOTAL forwarded=... dropped=... relay-cpu-seconds=... process-cpu-seconds=...
 * </pre>
 */
@Command(name = "relay-bench", hidden = true,
        description = "Run the media relay alone with N sessions for a load generator (benchmarks).")
final class RelayBenchCommand implements Callable<Integer> {

    @Option(names = "--sessions", description = "Number of sessions (default ${DEFAULT-VALUE}).")
    int sessions = 100;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Relay bind address (default ${DEFAULT-VALUE}).")
    String bind = "127.0.0.1";

    @Option(names = "--advertise", paramLabel = "ADDR", description = "Address written into SDP (default: bind).")
    String advertise;

    @Option(names = "--port-min", description = "Relay port range start (default ${DEFAULT-VALUE}).")
    int portMin = 20000;

    @Option(names = "--port-max", description = "Relay port range end (default ${DEFAULT-VALUE}).")
    int portMax = 29999;

    @Option(names = "--io-threads", description = "Packet engine threads (default ${DEFAULT-VALUE}).")
    int ioThreads = 1;

    @Option(names = "--caller", paramLabel = "HOST:PORT", required = true,
            description = "Caller i sends from and receives on HOST:PORT+2i.")
    String caller;

    @Option(names = "--callee", paramLabel = "HOST:PORT", required = true,
            description = "Callee i sends from and receives on HOST:PORT+2i.")
    String callee;

    @Option(names = "--rtcp-mux", description = "Offer and answer a=rtcp-mux.")
    boolean rtcpMux;

    @Option(names = "--any-source", description = "No expected source address: the first valid packet latches.")
    boolean anySource;

    @Option(names = "--stats-seconds", description = "Statistics interval (default ${DEFAULT-VALUE}; 0 = none).")
    int statsSeconds = 5;

    @Option(names = "--duration", description = "Stop after this many seconds (default: run until stopped).")
    int duration;

    @Override
    public Integer call() throws Exception {
        InetSocketAddress callerBase = ListenAddress.parse(caller).socketAddress();
        InetSocketAddress calleeBase = ListenAddress.parse(callee).socketAddress();
        InetAddress bindAddress = InetAddress.getByName(bind);
        Optional<InetAddress> advertised = Optional.ofNullable(advertise).map(RelayBenchCommand::literal);
        RelaySettings settings = new RelaySettings(true, true, portMin, portMax,
                List.of(new RelayInterfaceSettings(bindAddress, advertised, 0, 0)), 0, 0, 5, ioThreads);
        MediaRelay relay = MediaRelay.start(settings, advertised.orElse(bindAddress), Clock.systemUTC());
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            printTotal(relay);
            relay.close();
            done.countDown();
        }, "relay-bench-shutdown"));
        for (int i = 0; i < sessions; i++) {
            RelaySession session = relay.open("bench-" + i);
            InetSocketAddress a = new InetSocketAddress(callerBase.getAddress(), callerBase.getPort() + 2 * i);
            InetSocketAddress b = new InetSocketAddress(calleeBase.getAddress(), calleeBase.getPort() + 2 * i);
            Sdp toCallee = rewritten(session.offer(Side.CALLER, sdp(a), source(a), Optional.empty()), i);
            Sdp toCaller = rewritten(session.answer(Side.CALLEE, sdp(b), source(b)), i);
            session.confirm();
            System.out.println("SESSION " + i + " " + session.callId() + " CALLER_SENDS_TO " + target(toCaller)
                    + " CALLEE_SENDS_TO " + target(toCallee));
        }
        System.out.println("READY " + sessions);
        System.out.flush();
        long end = duration > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(duration) : Long.MAX_VALUE;
        long lastForwarded = 0;
        long lastCpu = relayCpuNanos();
        long lastTime = System.nanoTime();
        while (System.nanoTime() < end) {
            long wait = statsSeconds > 0 ? statsSeconds * 1000L : 1000L;
            if (done.await(Math.min(wait, Math.max(1, (end - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS)) {
                return 0;
            }
            if (statsSeconds > 0) {
                List<SessionStats> all = relay.sessions();
                long forwarded = forwarded(all);
                long cpu = relayCpuNanos();
                long now = System.nanoTime();
                System.out.printf("STATS %d sessions=%d pps=%d bps=%d forwarded=%d dropped=%d relay-cpu=%.1f%%%n",
                        System.currentTimeMillis() / 1000, all.size(), relay.status().packetsPerSecond(),
                        relay.status().bitsPerSecond(), forwarded - lastForwarded,
                        all.stream().mapToLong(SessionStats::dropped).sum(), 100.0 * (cpu - lastCpu) / (now - lastTime));
                System.out.flush();
                lastForwarded = forwarded;
                lastCpu = cpu;
                lastTime = now;
            }
        }
        return 0; // the shutdown hook prints the totals
    }

    private byte[] sdp(InetSocketAddress party) {
        String ip = Connection.valueFor(party.getAddress());
        return ("v=0\r\no=- 1 1 " + ip + "\r\ns=-\r\nc=" + ip + "\r\nt=0 0\r\nm=audio " + party.getPort()
                + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n" + (rtcpMux ? "a=rtcp-mux\r\n" : ""))
                .getBytes(StandardCharsets.US_ASCII);
    }

    private Optional<InetAddress> source(InetSocketAddress party) {
        return anySource ? Optional.empty() : Optional.of(party.getAddress());
    }

    private static Sdp rewritten(SdpOutcome outcome, int session) throws SdpException {
        if (outcome instanceof SdpOutcome.Rewritten r) {
            return Sdp.parse(r.body());
        }
        SdpOutcome.Rejected rejected = (SdpOutcome.Rejected) outcome;
        throw new IllegalStateException("session " + session + ": " + rejected.status() + " " + rejected.reason());
    }

    private static String target(Sdp sdp) {
        String host = sdp.connectionOf(0).orElseThrow().address();
        int port = sdp.media().get(0).mline().port();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static long forwarded(List<SessionStats> all) {
        long sum = 0;
        for (SessionStats s : all) {
            for (StreamStats stream : s.streams()) {
                sum += stream.caller().packetsOut() + stream.callee().packetsOut();
            }
        }
        return sum;
    }

    private static void printTotal(MediaRelay relay) {
        List<SessionStats> all = relay.sessions();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf("TOTAL forwarded=%d dropped=%d relay-cpu-seconds=%.3f process-cpu-seconds=%.3f%n",
                forwarded(all), all.stream().mapToLong(SessionStats::dropped).sum(), relayCpuNanos() / 1e9,
                os.getProcessCpuTime() / 1e9);
        System.out.flush();
    }

    /** CPU time of the relay's packet engine threads. */
    private static long relayCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("natterjack-relay-io-")) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getId()));
            }
        }
        return sum;
    }

    private static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("--advertise: " + e.getMessage());
        }
    }
}
