package org.natterjack.pstn.drain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natterjack.pstn.ami.AmiLink;
import org.natterjack.pstn.ami.AmiListener;
import org.natterjack.pstn.ami.FakeAmi;
import org.natterjack.pstn.trunk.Plans;
import org.natterjack.pstn.trunk.PstnPlan;

/** The busy-out carried out over a real AMI connection to a fake Asterisk: what it is sent, and when. */
class TrunkBusyOutTest {

    /** Four FXO ports, channels 1-4. */
    private static final PstnPlan ANALOG = new PstnPlan(List.of(Plans.dahdi("village", 3, null)),
            List.of(Plans.fxo(1, "village", 1, 4)));

    private FakeAmi ami;
    private AmiLink link;
    private final TrunkBusyOut busyOut = new TrunkBusyOut();

    @BeforeEach
    void connect() throws Exception {
        ami = new FakeAmi();
        link = new AmiLink("127.0.0.1", ami.port(), "natterjack", "s3cret", Duration.ofMillis(500),
                Duration.ofSeconds(5), Duration.ofSeconds(1), Clock.systemUTC(), new AmiListener() {
                    @Override
                    public void event(org.asteriskjava.manager.event.ManagerEvent event) {
                    }

                    @Override
                    public void connected(AmiLink l) {
                    }

                    @Override
                    public void disconnected(String reason) {
                    }
                });
        link.start();
        for (int i = 0; i < 100 && !link.state().up(); i++) {
            Thread.sleep(50);
        }
        if (!link.state().up()) {
            fail("no login to the fake AMI: " + link.state());
        }
    }

    @AfterEach
    void close() throws Exception {
        link.close();
        ami.close();
    }

    private List<String> dndActions() {
        return ami.actions().stream().filter(a -> a.get("action").startsWith("DAHDIDND"))
                .map(a -> a.get("action") + " " + a.get("dahdichannel")).toList();
    }

    @Test
    void drainBusiesOutIdleChannelsOnceAndAdmitPutsThemBack() {
        busyOut.reconcile(link, ANALOG, false, Set.of());
        assertEquals(List.of("DAHDIDNDoff 1", "DAHDIDNDoff 2", "DAHDIDNDoff 3", "DAHDIDNDoff 4"), dndActions(),
                "nothing known after the login: every channel put in service");
        ami.actions().clear();

        busyOut.reconcile(link, ANALOG, true, Set.of(2));
        busyOut.reconcile(link, ANALOG, true, Set.of(2));
        assertEquals(List.of("DAHDIDNDon 1", "DAHDIDNDon 3", "DAHDIDNDon 4"), dndActions(),
                "once each; channel 2 carries a call and is not touched");
        busyOut.reconcile(link, ANALOG, true, Set.of());
        assertEquals("DAHDIDNDon 2", dndActions().get(3), "busied out after its call ended");
        ami.actions().clear();

        busyOut.reconcile(link, ANALOG, false, Set.of(3));
        assertEquals(List.of("DAHDIDNDoff 1", "DAHDIDNDoff 2", "DAHDIDNDoff 4"), dndActions(),
                "admit(): back in service; 3 (a call since) after its call");
    }

    @Test
    void stoppingTheAdapterPutsBackWhatItBusiedOut() {
        busyOut.reconcile(link, ANALOG, true, Set.of(4));
        ami.actions().clear();
        busyOut.restore(link, ANALOG);
        assertEquals(List.of("DAHDIDNDoff 1", "DAHDIDNDoff 2", "DAHDIDNDoff 3"), dndActions());
        ami.actions().clear();
        busyOut.restore(link, ANALOG);
        assertEquals(List.of(), dndActions(), "nothing busied out any more");
    }

    @Test
    void nothingIsSentWhileAsteriskIsNotConnected() {
        link.close();
        busyOut.reconcile(link, ANALOG, true, Set.of());
        assertEquals(List.of(), dndActions());
    }

    @Test
    void theActionCarriesTheChannelHeader() {
        busyOut.reconcile(link, ANALOG, true, Set.of(2, 3, 4));
        Map<String, String> sent = ami.actions().stream().filter(a -> "DAHDIDNDon".equals(a.get("action")))
                .findFirst().orElseThrow();
        assertEquals("1", sent.get("dahdichannel"), sent.toString());
    }

    @Test
    void aChannelAsteriskDoesNotHaveIsNotAskedForAgainUntilTheNextChange() {
        ami.refuse(a -> "3".equals(a.get("dahdichannel")));
        busyOut.reconcile(link, ANALOG, true, Set.of());
        busyOut.reconcile(link, ANALOG, true, Set.of());
        assertEquals(List.of("DAHDIDNDon 1", "DAHDIDNDon 2", "DAHDIDNDon 3", "DAHDIDNDon 4"), dndActions(),
                "refused once (a span whose card is missing), not every two seconds");
        ami.actions().clear();
        busyOut.reconcile(link, ANALOG, false, Set.of());
        assertEquals(4, dndActions().size(), "admitting asks again, channel 3 too");
    }
}
