package org.natterjack.pstn;

import java.util.ArrayList;
import java.util.List;
import org.natterjack.pstn.status.TrunkStates;
import org.natterjack.pstn.status.TrunkStatus;
import org.natterjack.pstn.trunk.PstnPlan;
import org.natterjack.pstn.trunk.Trunk;
import org.natterjack.routing.TrunkHop;
import org.natterjack.routing.TrunkResolver;

/**
 * Answers the proxy's {@code trunk:NAME} routes: the call goes to Asterisk's SIP port with
 * {@code TRUNK-NUMBER} as the Request-URI user (the dialplan dials that trunk), taking the first trunk of the
 * failover chain that is up; when none is, the proxy answers 503 with the reasons.
 */
final class PstnTrunks implements TrunkResolver {

    private final PstnSettings settings;
    private final TrunkStates states;

    PstnTrunks(PstnSettings settings, TrunkStates states) {
        this.settings = settings;
        this.states = states;
    }

    @Override
    public TrunkHop resolve(String trunk, String number) {
        PstnPlan plan = states.plan();
        List<Trunk> chain = plan.failoverChain(trunk);
        if (chain.isEmpty()) {
            return new TrunkHop.Unavailable("no trunk " + trunk + " is configured");
        }
        List<String> reasons = new ArrayList<>();
        for (Trunk t : chain) {
            TrunkStatus status = states.status(plan, t);
            if (status.available()) {
                return new TrunkHop.Available(settings.asteriskAddress(), settings.sipPort(), "udp",
                        t.name() + "-" + number);
            }
            reasons.add(chain.size() == 1 ? status.reason() : t.name() + ": " + status.reason());
        }
        return new TrunkHop.Unavailable(String.join("; ", reasons));
    }
}
