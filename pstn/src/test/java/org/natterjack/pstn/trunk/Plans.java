package org.natterjack.pstn.trunk;

import java.util.List;
import java.util.Optional;

/** Plans for tests: an appliance with an E1, a T1 and four analog ports, and a SIP peer standing in for the PSTN. */
public final class Plans {

    private Plans() {
    }

    public static Trunk dahdi(String name, int group, String failover) {
        return new Trunk(name, TrunkType.DAHDI, group, Optional.empty(), Presentation.ALLOWED, Optional.empty(),
                Optional.ofNullable(failover), Optional.empty(), "");
    }

    public static Trunk sipPeer(String name, String peer) {
        return new Trunk(name, TrunkType.SIP_PEER, 0, Optional.of(Trunk.Peer.parse(peer)), Presentation.ALLOWED,
                Optional.empty(), Optional.empty(), Optional.empty(), "");
    }

    public static Span e1(int number, String trunk, int firstChannel) {
        return new Span(number, trunk, LineType.E1, firstChannel, 31, 1, 0, "ccs", "hdb3", true, "pri_cpe",
                "euroisdn", "mg2");
    }

    public static Span t1(int number, String trunk, int firstChannel) {
        return new Span(number, trunk, LineType.T1, firstChannel, 24, 2, 0, "esf", "b8zs", false, "pri_cpe",
                "national", "mg2");
    }

    public static Span fxo(int number, String trunk, int firstChannel, int ports) {
        return new Span(number, trunk, LineType.FXO, firstChannel, ports, 0, 0, "", "", false, "fxs_ks", "", "none");
    }

    /**
     * Trunk {@code city} (E1, caller ID restricted, presenting the company number, failing over to {@code
     * county}), trunk {@code county} (T1), trunk {@code village} (four FXO ports whose calls are routed as
     * 4930123400), and {@code lab}, a SIP peer.
     */
    public static PstnPlan appliance() {
        Trunk city = new Trunk("city", TrunkType.DAHDI, 1, Optional.empty(), Presentation.RESTRICTED,
                Optional.of("+4930123456"), Optional.of("county"), Optional.empty(), "E1 to the city exchange");
        Trunk village = new Trunk("village", TrunkType.DAHDI, 3, Optional.empty(), Presentation.ALLOWED,
                Optional.empty(), Optional.empty(), Optional.of("4930123400"), "analog lines");
        return new PstnPlan(List.of(city, dahdi("county", 2, null), village, sipPeer("lab", "127.0.0.2:5062")),
                List.of(e1(1, "city", 1), t1(2, "county", 32), fxo(3, "village", 56, 4)));
    }
}
