package org.natterjack.admin;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.natterjack.net.IpLiteral;
import org.natterjack.location.Binding;
import org.natterjack.location.LocationService;

/** {@link Registrations} on the registrar's location service. */
final class LiveRegistrations implements Registrations {

    private final LocationService location;
    private final Clock clock;

    LiveRegistrations(LocationService location, Clock clock) {
        this.location = location;
        this.clock = clock;
    }

    @Override
    public List<RegistrationInfo> list() {
        Instant now = clock.instant();
        return location.all().filter(b -> !b.isExpired(now))
                .sorted(Comparator.comparing(Binding::aor).thenComparing(Binding::contact))
                .map(b -> info(b, now)).toList();
    }

    @Override
    public boolean unregister(String aor, String key) {
        boolean present = location.lookup(aor).stream().anyMatch(b -> b.key().equals(key));
        if (present) {
            location.remove(aor, key);
        }
        return present;
    }

    private static RegistrationInfo info(Binding b, Instant now) {
        return new RegistrationInfo(b.aor(), b.key(), b.contact(), hostPort(b.received().remote()),
                b.received().transport().sipName().toUpperCase(Locale.ROOT), b.behindNat(),
                b.nat().stream().map(Enum::name).sorted().toList(), b.secondsLeft(now), b.userAgent(), b.node().name(),
                b.path());
    }

    static String hostPort(InetSocketAddress address) {
        return IpLiteral.uriHost(address.getAddress()) + ":" + address.getPort();
    }
}
