package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.pstn.ami.AmiException;
import org.natterjack.pstn.ami.AmiLink;
import org.natterjack.pstn.ami.DahdiDndAction;
import org.natterjack.pstn.drain.BusyOutMethod;
import org.natterjack.pstn.drain.ChannelCommand;

/**
 * PSTN calls while the gateway drains before an upgrade, through a real Asterisk: the exchange's stand-in (sipp
 * on a sip-peer trunk) calls a DID that reaches registered user 555. While admission drains, the FastAGI router
 * refuses the call with cause 34 (no circuit available; the exchange sees 503) and the trunk is busied out;
 * after admit() the next call goes through. No DAHDI cards here: which channels get which action is unit-tested,
 * and here the actions are only shown to reach chan_dahdi, which answers that it has no such channel.
 */
class DrainAsteriskIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;
    static PstnLab lab;

    @BeforeAll
    static void start() throws Exception {
        lab = PstnLab.create(dir, "drain");
        lab.cli("user", "add", "555", "--password", "pw-555", "--domain", PstnLab.DOMAIN);
        lab.cli("trunk", "add", "lab", "--type", "sip-peer", "--peer", PstnLab.PSTN + ":" + Ports.free());
        lab.cli("route", "add", "--prefix", "4930", "--strip", "4", "--to", "user:*", "--description", "our DIDs");
        lab.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void whileDrainingAnIncomingPstnCallIsRefusedWithCause34AndAfterAdmitTheNextGoesThrough() throws Exception {
        Sipp.Running phone = lab.phone("555", 15000);
        lab.drain(true);
        SipTrace.Message refused = lab.exchangeCalls("uac-expect.xml", "4930555").lastReceived();
        assertEquals(503, refused.status(), "cause 34 is 503 in SIP: " + lab.gateway.log());
        lab.awaitLog("PSTN call to 4930555 from 0301234 on trunk lab: Reject[cause=34, why=draining for an upgrade:"
                + " no new calls]", 1);
        lab.awaitLog("ended: cause 34 (Circuit/channel congestion), INBOUND trunk lab number 4930555", 1);

        lab.drain(false);
        Sipp.Result call = lab.exchangeCalls("uac-call.xml", "4930555");
        assertEquals(0, call.exitCode(), "answered by 555 after admit(): " + lab.gateway.log());
        assertTrue(phone.await().trace().received().stream().anyMatch(m -> m.isRequest("INVITE")),
                "the user was called once admission opened");
        lab.awaitLog("PSTN call to 4930555 from 0301234 on trunk lab: ToGateway[number=4930555]", 1);
    }

    @Test
    void theBusyOutActionsReachChanDahdi() throws Exception {
        try (AmiLink ami = lab.amiClient()) {
            for (boolean on : List.of(true, false)) {
                AmiException refused = assertThrows(AmiException.class, () -> ami.send(new DahdiDndAction(1, on)));
                assertTrue(refused.getMessage().contains("No such channel"), "the channel header was read, and"
                        + " chan_dahdi has no channel 1 without cards: " + refused.getMessage());
            }
            AmiException disable = assertThrows(AmiException.class,
                    () -> ami.send(new ChannelCommand(1, BusyOutMethod.PRI_SERVICE, true).action()));
            assertTrue(disable.getMessage().contains("Unable to find given channel 1, possibly not a PRI"),
                    "chan_dahdi (with PRI support) knows the command: " + disable.getMessage());
        }
    }
}
