package org.natterjack.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.natterjack.config.HepSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies every captured message to a Homer collector as HEPv3, from a thread of its own: the transport only
 * queues. A full queue (the collector slower than the traffic, or away) drops messages; a failed send is
 * logged once until one succeeds again; over TCP the connection is opened again at the next message.
 */
public final class HepSender implements Consumer<CapturedMessage>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HepSender.class);
    private static final int QUEUE = 10_000;

    private final HepSettings settings;
    private final InetSocketAddress collector;
    private final BlockingQueue<CapturedMessage> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread thread;
    private volatile boolean running = true;
    private DatagramSocket udp;
    private Socket tcp;
    private boolean failing;
    private long dropped;

    /** @param settings with an address */
    public HepSender(HepSettings settings) {
        this.settings = settings;
        this.collector = settings.address().orElseThrow().socketAddress();
        this.thread = new Thread(this::run, "natterjack-hep");
        thread.setDaemon(true);
        thread.start();
        LOG.info("Copying SIP messages to the Homer collector {} over {} as HEPv3 (agent id {})", collector,
                settings.transport(), settings.agentId());
    }

    @Override
    public void accept(CapturedMessage message) {
        if (!queue.offer(message)) {
            synchronized (this) {
                dropped++;
            }
        }
    }

    private void run() {
        while (running) {
            try {
                CapturedMessage m = queue.poll(200, TimeUnit.MILLISECONDS);
                if (m != null) {
                    send(Hep.encode(m, settings.agentId(), settings.password()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void send(byte[] packet) {
        try {
            if ("udp".equals(settings.transport())) {
                if (udp == null) {
                    udp = new DatagramSocket();
                }
                udp.send(new DatagramPacket(packet, packet.length, collector));
            } else {
                if (tcp == null) {
                    tcp = new Socket();
                    tcp.connect(collector, 2000);
                }
                OutputStream out = tcp.getOutputStream();
                out.write(packet);
                out.flush();
            }
            if (failing) {
                failing = false;
                LOG.info("The Homer collector {} takes HEP packets again", collector);
            }
        } catch (IOException | RuntimeException e) {
            closeTcp();
            if (!failing) {
                failing = true;
                LOG.warn("Cannot send HEP packets to the Homer collector {}: {}; retrying with each message",
                        collector, e.toString());
            }
        }
    }

    private void closeTcp() {
        if (tcp != null) {
            try {
                tcp.close();
            } catch (IOException e) {
                LOG.debug("Closing the HEP connection: {}", e.toString());
            }
            tcp = null;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeTcp();
        if (udp != null) {
            udp.close();
        }
        synchronized (this) {
            if (dropped > 0) {
                LOG.warn("{} SIP messages were not copied to the Homer collector (its queue was full)", dropped);
            }
        }
    }
}
