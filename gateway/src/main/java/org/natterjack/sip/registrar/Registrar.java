package org.natterjack.sip.registrar;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.natterjack.config.NatSettings;
import org.natterjack.config.RegistrarSettings;
import org.natterjack.location.Binding;
import org.natterjack.location.LocationService;

/**
 * The registrar's decisions (RFC 3261 section 10.3, steps 6 to 8) over the {@link LocationService}.
 *
 * <p>A request is applied whole or not at all: a refusal changes nothing.
 */
public final class Registrar {

    static final String INVALID_CSEQ = "Invalid CSeq number";

    private final LocationService location;
    private final Supplier<RegistrarSettings> settings;
    private final Supplier<NatSettings> nat;
    private final Clock clock;

    public Registrar(LocationService location, Supplier<RegistrarSettings> settings, Supplier<NatSettings> nat,
                     Clock clock) {
        this.location = location;
        this.settings = settings;
        this.nat = nat;
        this.clock = clock;
    }

    public RegisterOutcome register(RegisterRequest request) {
        Instant now = clock.instant();
        if (request.wildcard()) {
            return removeAll(request, now);
        }
        if (request.contacts().isEmpty()) {
            return new RegisterOutcome.Accepted(location.lookup(request.aor()));
        }
        Map<String, Long> granted = new LinkedHashMap<>();
        RegistrarSettings settings = this.settings.get();
        for (ContactSpec contact : request.contacts()) {
            int requested = contact.expires().orElse(request.expiresHeader().orElse(settings.defaultExpires()));
            if (requested != 0 && requested < settings.minExpires()) {
                return new RegisterOutcome.IntervalTooBrief(settings.minExpires());
            }
            granted.put(contact.key(), grant(requested, request, settings));
        }
        RegisterOutcome[] outcome = new RegisterOutcome[1];
        location.save(request.aor(), current -> {
            Decision decision = apply(current, request, granted, now);
            outcome[0] = decision.outcome();
            return decision.bindings();
        });
        return outcome[0];
    }

    private long grant(int requested, RegisterRequest request, RegistrarSettings settings) {
        long seconds = Math.min(Math.max(requested, 0), settings.maxExpires());
        // A NATed client must come back through its NAT binding before the NAT forgets it.
        return request.nat().isEmpty() ? seconds : Math.min(seconds, nat.get().refreshSeconds());
    }

    private Decision apply(List<Binding> current, RegisterRequest request, Map<String, Long> granted,
                           Instant now) {
        Map<String, Binding> next = new LinkedHashMap<>();
        current.stream().filter(b -> !b.isExpired(now)).forEach(b -> next.put(b.key(), b));
        for (ContactSpec contact : request.contacts()) {
            String key = contact.key();
            long seconds = granted.get(key);
            Binding existing = next.get(key);
            if (existing != null && isOutOfOrder(existing, request)) {
                return Decision.refuse(current, 400, INVALID_CSEQ);
            }
            if (seconds == 0) {
                next.remove(key);
                continue;
            }
            Binding fresh = newBinding(request, contact, now.plusSeconds(seconds), now);
            next.put(key, existing == null ? fresh : existing.refreshed(fresh));
        }
        if (next.size() > request.maxContacts()) {
            return Decision.refuse(current, 403, "Too many registered contacts");
        }
        List<Binding> bindings = Binding.byPreference(next.values());
        return new Decision(bindings, new RegisterOutcome.Accepted(bindings));
    }

    private RegisterOutcome removeAll(RegisterRequest request, Instant now) {
        if (!request.contacts().isEmpty() || request.expiresHeader().orElse(-1) != 0) {
            return new RegisterOutcome.Refused(400, "Wildcard Contact needs Expires: 0 and no other Contact");
        }
        RegisterOutcome[] outcome = new RegisterOutcome[1];
        location.save(request.aor(), current -> {
            if (current.stream().anyMatch(b -> !b.isExpired(now) && isOutOfOrder(b, request))) {
                outcome[0] = new RegisterOutcome.Refused(400, INVALID_CSEQ);
                return current;
            }
            outcome[0] = new RegisterOutcome.Accepted(List.of());
            return List.of();
        });
        return outcome[0];
    }

    /** Same Call-ID with a CSeq not above the stored one: a late or replayed REGISTER (RFC 3261 10.3 step 7). */
    private static boolean isOutOfOrder(Binding existing, RegisterRequest request) {
        return existing.callId().equals(request.callId()) && request.cseq() <= existing.cseq();
    }

    private Binding newBinding(RegisterRequest request, ContactSpec contact, Instant expires, Instant now) {
        return new Binding(request.aor(), contact.uri(), request.source(), location.node(), request.nat(), expires,
                contact.qValue(), request.callId(), request.cseq(), contact.instanceId(), contact.regId(),
                request.userAgent(), now, now, request.path());
    }

    private record Decision(List<Binding> bindings, RegisterOutcome outcome) {
        static Decision refuse(List<Binding> unchanged, int status, String reason) {
            return new Decision(unchanged, new RegisterOutcome.Refused(status, reason));
        }
    }

    /** The AOR's live bindings, as a 200 OK lists them. */
    public List<Binding> bindings(String aor) {
        return location.lookup(aor);
    }
}
