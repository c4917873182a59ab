package org.natterjack.sip.registrar;

import org.natterjack.location.NodeId;
import org.natterjack.location.MemoryLocationService;
import org.natterjack.location.BindingTarget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.natterjack.config.NatSettings;
import org.natterjack.config.RegistrarSettings;
import org.natterjack.nat.NatIndication;
import org.natterjack.net.Flow;
import org.natterjack.net.Transport;
import org.natterjack.testing.MutableClock;

/**
 * Requirement: 100,000 bindings fit comfortably in a 512 MB heap. "Comfortably" is taken as at most half of
 * it for the bindings themselves, measured as the growth of the live heap while they are held.
 */
class LocationServiceMemoryTest {

    private static final int BINDINGS = 100_000;
    private static final long LIMIT_BYTES = 256L * 1024 * 1024;
    private static final String[] USER_AGENTS = {
        "Yealink SIP-T46S 66.86.0.15", "Grandstream GXP2170 1.0.11.23", "Linphone/5.2.0 (belle-sip/5.2.0)",
        "Zoiper rv2.10.19.4", "PolycomVVX-VVX_411-UA/6.4.3.5018", "snom D785/10.1.159.12"};

    @Test
    void hundredThousandBindingsFitComfortablyInA512MbHeap() throws UnknownHostException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        MutableClock clock = new MutableClock();
        InetSocketAddress gatewaySocket = new InetSocketAddress("192.0.2.10", 5060);
        long before = usedHeapAfterGc(memory);

        MemoryLocationService location = new MemoryLocationService(NodeId.LOCAL, clock);
        Registrar registrar = new Registrar(location, RegistrarSettings::defaults, NatSettings::defaults,
                clock);
        Random random = new Random(42);
        for (int i = 0; i < BINDINGS; i++) {
            registrar.register(requestFor(i, random, gatewaySocket));
        }
        assertEquals(BINDINGS, location.size());

        long after = usedHeapAfterGc(memory);
        long total = after - before;
        double perBinding = (double) total / BINDINGS;
        System.out.printf(Locale.ROOT, "LocationService memory: %d bindings use %.1f MB (%.0f bytes per binding)%n",
                BINDINGS, total / (1024.0 * 1024.0), perBinding);

        // Keep the table alive until the measurement is done.
        assertInstanceOf(BindingTarget.OverFlow.class, location.lookup(aor(BINDINGS - 1)).get(0).target());
        Reference.reachabilityFence(location);
        assertTrue(total < LIMIT_BYTES, "100,000 bindings took " + total + " bytes, limit " + LIMIT_BYTES);
    }

    private static String aor(int i) {
        return "sip:user" + (10_000 + i) + "@example.org";
    }

    /** One REGISTER's worth of fresh objects, as the SIP stack and RegisterHandler would produce them. */
    private static RegisterRequest requestFor(int i, Random random, InetSocketAddress gatewaySocket)
            throws UnknownHostException {
        int user = 10_000 + i;
        String privateHost = "192.168." + (i / 250 % 256) + "." + (i % 250 + 2);
        String contact = "sip:user" + user + "@" + privateHost + ":5060;transport=udp";
        // Call-IDs as phones make them: ~40 characters of hex and host.
        String callId = Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()) + "@"
                + privateHost;
        String userAgent = new String(USER_AGENTS[i % USER_AGENTS.length]);
        InetAddress natPublic = InetAddress.getByAddress(new byte[] {(byte) 203, 0, 113, (byte) (i % 254 + 1)});
        Flow flow = Flow.of(Transport.UDP, gatewaySocket, new InetSocketAddress(natPublic, 1024 + i % 60_000));
        Set<NatIndication> nat = EnumSet.of(NatIndication.VIA_ADDRESS_DIFFERS, NatIndication.VIA_PORT_DIFFERS,
                NatIndication.CONTACT_DIFFERS, NatIndication.CONTACT_PRIVATE);
        return new RegisterRequest(aor(i), callId, 1 + random.nextInt(1000), flow, nat, userAgent,
                OptionalInt.empty(), false, List.of(ContactSpec.of(contact).withExpires(3600)), 10, List.of());
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
