package org.natterjack.media.relay;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.natterjack.config.RelayInterfaceSettings;
import org.natterjack.config.RelaySettings;
import org.natterjack.media.sdp.Sdp;

/**
 * A rough load check, not a test and not the benchmark (that is bench/relay): N calls on loopback, a
 * sender thread pacing RTP from both parties of every call, a receiver thread timing what comes out, and
 * the relay's I/O thread measured for CPU time and allocated bytes.
 *
 * <pre>
 *   mvn -q -o -pl gateway test-compile
 *   java -cp "gateway/target/classes:gateway/target/test-classes:$(cat /tmp/cp.txt)" \
 *        org.natterjack.media.relay.RelayLoadCheck [calls=50] [packetsPerSecond=20000|0 for flat out] [seconds=10]
 *        [direct]   (the harness alone, parties sending to each other: its own latency, for comparison)
 * </pre>
 * (with {@code mvn -q -o -pl gateway dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt}).
 */
public final class RelayLoadCheck {

    private RelayLoadCheck() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        boolean direct = args.length > 3 && args[3].equals("direct"); // baseline: the harness without relay
        InetAddress local = InetAddress.getByName("127.0.0.1");
        RelaySettings settings = new RelaySettings(true, false, 16000, 16000 + 4 * calls + 3,
                List.of(new RelayInterfaceSettings(local, Optional.empty(), 0, 0)), 60, 3600, 5, 1);
        MediaRelay relay = MediaRelay.start(settings, local, Clock.systemUTC());
        Selector selector = Selector.open();
        List<DatagramChannel> senders = new ArrayList<>();
        List<InetSocketAddress> targets = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            DatagramChannel alice = open(local, selector);
            DatagramChannel bob = open(local, selector);
            RelaySession session = relay.open("load-" + i);
            Sdp toBob = Calls.rewritten(session.offer(Side.CALLER, Calls.audio("127.0.0.1", port(alice)),
                    Optional.of(local), Optional.empty()));
            Sdp toAlice = Calls.rewritten(session.answer(Side.CALLEE, Calls.audio("127.0.0.1", port(bob)),
                    Optional.of(local)));
            session.confirm();
            senders.add(alice);
            targets.add(direct ? (InetSocketAddress) bob.getLocalAddress() : Calls.target(toAlice, 0));
            senders.add(bob);
            targets.add(direct ? (InetSocketAddress) alice.getLocalAddress() : Calls.target(toBob, 0));
        }
        Thread io = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("natterjack-relay-io-0")).findFirst().orElseThrow();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        AtomicBoolean running = new AtomicBoolean(true);
        Receiver receiver = new Receiver(selector, running);
        Thread receiving = new Thread(receiver, "load-receiver");
        Thread sending = new Thread(() -> send(senders, targets, rate, running), "load-sender");
        receiving.start();
        sending.start();

        Thread.sleep(2000); // warm-up: JIT, latching
        receiver.reset();
        long forwarded0 = forwarded(relay);
        long cpu0 = threads.getThreadCpuTime(io.getId());
        long alloc0 = threads.getThreadAllocatedBytes(io.getId());
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long wall = System.nanoTime() - t0;
        long cpu = threads.getThreadCpuTime(io.getId()) - cpu0;
        long alloc = threads.getThreadAllocatedBytes(io.getId()) - alloc0;
        long forwarded = direct ? receiver.count : forwarded(relay) - forwarded0;
        long[] latencies = receiver.latencies();
        running.set(false);
        sending.join();
        receiving.join();

        double pps = forwarded * 1e9 / wall;
        double cpuShare = 100.0 * cpu / wall;
        System.out.printf("calls %d, offered %s pps, forwarded %.0f pps over %d s%n", calls,
                rate == 0 ? "max" : String.valueOf(rate), pps, seconds);
        System.out.printf("relay I/O thread: %.1f %% of a core, %.2f %% per 10k pps, %.1f bytes allocated per packet"
                + " (%d bytes in total)%n", cpuShare, cpuShare / (pps / 10_000), (double) alloc / Math.max(1, forwarded),
                alloc);
        System.out.printf("sender->receiver latency through the relay (%d samples): p50 %.3f ms, p99 %.3f ms,"
                + " max %.3f ms%n", latencies.length, percentile(latencies, 0.50) / 1e6,
                percentile(latencies, 0.99) / 1e6, percentile(latencies, 1.0) / 1e6);
        System.out.printf("drops: %d; status: %s%n",
                relay.sessions().stream().mapToLong(SessionStats::dropped).sum(), relay.status());
        relay.close();
        for (DatagramChannel c : senders) {
            c.close();
        }
        selector.close();
    }

    private static DatagramChannel open(InetAddress local, Selector selector) throws Exception {
        DatagramChannel c = DatagramChannel.open();
        c.bind(new InetSocketAddress(local, 0));
        c.configureBlocking(false);
        c.register(selector, SelectionKey.OP_READ);
        return c;
    }

    private static int port(DatagramChannel c) throws Exception {
        return ((InetSocketAddress) c.getLocalAddress()).getPort();
    }

    private static long forwarded(MediaRelay relay) {
        return relay.sessions().stream().flatMap(s -> s.streams().stream())
                .mapToLong(s -> s.caller().packetsOut() + s.callee().packetsOut()).sum();
    }

    /** Paces {@code rate} packets per second over all sockets in 1 ms slices (flat out for 0). */
    private static void send(List<DatagramChannel> from, List<InetSocketAddress> to, int rate, AtomicBoolean running) {
        ByteBuffer packet = ByteBuffer.allocateDirect(172);
        int next = 0;
        long sequence = 0;
        long start = System.nanoTime();
        long sent = 0;
        try {
            while (running.get()) {
                long due = rate == 0 ? sent + 64 : (System.nanoTime() - start) * rate / 1_000_000_000L;
                while (sent < due) {
                    packet.clear();
                    packet.put(0, (byte) 0x80).putShort(2, (short) sequence++).putLong(12, System.nanoTime());
                    packet.limit(172);
                    from.get(next).send(packet, to.get(next));
                    next = next + 1 == from.size() ? 0 : next + 1;
                    sent++;
                }
                if (rate != 0) {
                    Thread.sleep(1);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
    }

    private static final class Receiver implements Runnable {
        private final Selector selector;
        private final AtomicBoolean running;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
        private long[] samples = new long[1 << 22];
        private volatile int count;
        private volatile boolean resetRequested;

        Receiver(Selector selector, AtomicBoolean running) {
            this.selector = selector;
            this.running = running;
        }

        void reset() {
            resetRequested = true;
        }

        long[] latencies() {
            long[] copy = Arrays.copyOf(samples, Math.min(count, samples.length));
            Arrays.sort(copy);
            return copy;
        }

        @Override
        public void run() {
            try {
                while (running.get()) {
                    selector.select(key -> {
                        DatagramChannel c = (DatagramChannel) key.channel();
                        try {
                            for (int i = 0; i < 64; i++) {
                                buffer.clear();
                                if (c.receive(buffer) == null) {
                                    break;
                                }
                                long latency = System.nanoTime() - buffer.getLong(12);
                                if (resetRequested) {
                                    resetRequested = false;
                                    count = 0;
                                }
                                int n = count;
                                if (n < samples.length) {
                                    samples[n] = latency;
                                    count = n + 1;
                                }
                            }
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }, 100);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
