package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * PSTN to SIP user through a real Asterisk: the exchange's stand-in (sipp on a sip-peer trunk) calls DID
 * 4930555; Asterisk's from-pstn context asks the adapter over FastAGI, which routes the DID with the gateway's
 * table (strip 4930, user:*); Asterisk dials the gateway, which forks to registered user 555, who answers.
 * A DID no rule takes is refused with cause 1 (the exchange sees 404), a reject:403 rule with cause 21. A
 * call without a number (extension s, as on an analog line) is routed as the trunk's inbound number.
 */
class InboundCallAsteriskIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;
    static PstnLab lab;

    @BeforeAll
    static void start() throws Exception {
        lab = PstnLab.create(dir, "inbound");
        lab.cli("user", "add", "555", "--password", "pw-555", "--domain", PstnLab.DOMAIN);
        lab.cli("user", "add", "556", "--password", "pw-556", "--domain", PstnLab.DOMAIN);
        lab.cli("trunk", "add", "lab", "--type", "sip-peer", "--peer", PstnLab.PSTN + ":" + Ports.free(),
                "--inbound-number", "4930556");
        lab.cli("route", "add", "--prefix", "4930", "--strip", "4", "--to", "user:*", "--description", "our DIDs");
        lab.cli("route", "add", "--prefix", "0900", "--to", "reject:403");
        lab.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aDidReachesTheRegisteredUserWhoAnswers() throws Exception {
        Sipp.Running phone = lab.phone("555", 8000);
        Sipp.Result call = lab.exchangeCalls("uac-call.xml", "4930555");
        assertEquals(0, call.exitCode(), "answered by 555 and hung up by the exchange: " + lab.gateway.log());
        SipTrace.Message invite = phone.await().trace().received().stream().filter(m -> m.isRequest("INVITE"))
                .findFirst().orElseThrow();
        assertTrue(invite.firstLine().startsWith("INVITE sip:555@" + PstnLab.PHONES), invite.firstLine());
        lab.awaitLog("PSTN call to 4930555 from 0301234 on trunk lab: ToGateway[number=4930555]", 1);
        lab.awaitLog("ended: cause 16 (Normal Clearing), INBOUND trunk lab number 4930555", 1);
    }

    @Test
    void aCallWithoutANumberIsRoutedAsItsTrunksInboundNumber() throws Exception {
        Sipp.Running phone = lab.phone("556", 8000);
        Sipp.Result call = lab.exchangeCalls("uac-call.xml", "s");
        assertEquals(0, call.exitCode(), "answered by 556 and hung up by the exchange: " + lab.gateway.log());
        SipTrace.Message invite = phone.await().trace().received().stream().filter(m -> m.isRequest("INVITE"))
                .findFirst().orElseThrow();
        assertTrue(invite.firstLine().startsWith("INVITE sip:556@" + PstnLab.PHONES), invite.firstLine());
        lab.awaitLog("PSTN call to 4930556 from 0301234 on trunk lab: ToGateway[number=4930556]", 1);
    }

    @Test
    void anUnknownDidIsRejectedAsUnallocated() throws Exception {
        SipTrace.Message answer = lab.exchangeCalls("uac-expect.xml", "4940111").lastReceived();
        assertEquals(404, answer.status(), "cause 1, unallocated number, is 404 in SIP");
        lab.awaitLog("ended: cause 1 (Unallocated (unassigned) number), INBOUND trunk lab number 4940111", 1);
    }

    @Test
    void aRejectRuleRefusesWithItsQ850Equivalent() throws Exception {
        SipTrace.Message answer = lab.exchangeCalls("uac-expect.xml", "09001234").lastReceived();
        assertEquals(403, answer.status(), "reject:403 is cause 21, call rejected, which is 403 again in SIP");
        lab.awaitLog("ended: cause 21 (Call Rejected), INBOUND trunk lab number 09001234", 1);
    }
}
