package org.natterjack.pstn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.pstn.ami.AmiEvents;
import org.natterjack.pstn.ami.AmiLink;
import org.natterjack.pstn.ami.AmiPoll;
import org.natterjack.pstn.ami.FakeAmi;
import org.natterjack.pstn.api.SpanSpec;
import org.natterjack.pstn.api.TrunkSpec;
import org.natterjack.pstn.asterisk.GeneratedConfig;
import org.natterjack.pstn.calls.CallModel;
import org.natterjack.pstn.status.SpanMonitor;
import org.natterjack.pstn.status.TrunkStates;
import org.natterjack.pstn.store.PstnRepository;
import org.natterjack.pstn.trunk.Plans;
import org.natterjack.pstn.trunk.PstnPlan;
import org.natterjack.store.Store;

/**
 * The web admin's API against a fake manager interface: status, test calls, hang-up, reload, and editing
 * trunks and spans.
 */
class PstnServiceTest {

    @TempDir
    Path dir;
    private FakeAmi ami;
    private AmiLink link;
    private PstnService api;
    private PstnRepository repository;
    private ConfigSync config;

    @BeforeEach
    void start() throws Exception {
        ami = new FakeAmi();
        ami.answer(action -> "core show uptime seconds".equals(action.get("command"))
                ? "Output: System uptime: 3600\nOutput: Last reload: 60\n" : "");
        repository = new PstnRepository(Store.open(dir.resolve("data")));
        repository.addTrunk(Plans.sipPeer("lab", "127.0.0.2:5062"));
        PstnSettings settings = new PstnSettings(true, dir.resolve("asterisk"), dir.resolve("dahdi"), "asterisk",
                List.of(),
                "127.0.0.1", 5080, ami.port(), "natterjack", 4573, 10, 500, 1, 30, 60, 1, "us", List.of("alaw"),
                Optional.empty());
        SpanMonitor spans = new SpanMonitor();
        config = new ConfigSync(settings, repository, new InetSocketAddress("127.0.0.1", 5060), "a.test",
                "s3cret", spans, Clock.systemUTC());
        config.writeNow();
        CallModel calls = new CallModel(Clock.systemUTC());
        AmiPoll poll = new AmiPoll(calls, spans, config::plan, Clock.systemUTC());
        link = new AmiLink("127.0.0.1", ami.port(), "natterjack", "s3cret", Duration.ofMillis(500),
                Duration.ofSeconds(5), Duration.ofSeconds(1), Clock.systemUTC(),
                new AmiEvents(calls, spans, poll, Clock.systemUTC()));
        api = new PstnService(settings, link, new TrunkStates(config::plan, link::state, spans, () -> false), spans, calls, config,
                repository);
        link.start();
        await(() -> link.state().up());
    }

    @AfterEach
    void stop() throws Exception {
        link.close();
        ami.close();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        if (!condition.getAsBoolean()) {
            fail("not within 5 s");
        }
    }

    private Map<String, String> last(String action) {
        return ami.actions().stream().filter(a -> action.equalsIgnoreCase(a.get("action")))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no " + action + " in " + ami.actions()));
    }

    @Test
    void trunksShowWhetherTheyTakeCalls() {
        assertTrue(api.asterisk().up());
        assertEquals(1, api.trunks().size());
        assertTrue(api.trunks().get(0).available(), "a sip-peer trunk is up while Asterisk is");
    }

    @Test
    void aTestCallIsOriginatedThroughTheGeneratedDialplan() throws Exception {
        api.originateTestCall("lab", "0301234");
        Map<String, String> originate = last("originate");
        assertEquals("Local/lab-0301234@nj-test-call", originate.get("channel"));
        assertEquals("Wait", originate.get("application"));
        assertEquals("true", originate.get("async"));
        assertThrows(IllegalArgumentException.class, () -> api.originateTestCall("nowhere", "0301234"));
        assertThrows(IllegalArgumentException.class, () -> api.originateTestCall("lab", "03; rm -rf"));
    }

    @Test
    void hangingUpACallHangsUpEachOfItsChannels() throws Exception {
        ami.send("Event: Newchannel\nChannel: PJSIP/trunk-lab-00000001\nChannelState: 4\nChannelStateDesc: Ring\n"
                + "CallerIDNum: 0301234\nContext: from-pstn\nExten: 4930555\nUniqueid: 17.1\nLinkedid: 17.1");
        await(() -> !api.activeCalls().isEmpty());
        assertTrue(api.hangup("17.1"));
        assertEquals("PJSIP/trunk-lab-00000001", last("hangup").get("channel"));
        assertEquals("16", last("hangup").get("cause"));
        assertFalse(api.hangup("no-such-call"));
    }

    @Test
    void reloadRewritesTheFilesAndReloadsEveryModule() throws Exception {
        Files.writeString(dir.resolve("asterisk").resolve(GeneratedConfig.EXTENSIONS), "edited by hand");
        assertEquals(Set.of(GeneratedConfig.EXTENSIONS), api.reload());
        List<String> commands = ami.actions().stream().filter(a -> "command".equalsIgnoreCase(a.get("action")))
                .map(a -> a.get("command")).toList();
        assertTrue(commands.containsAll(List.of("dialplan reload", "module reload res_pjsip.so",
                "module reload chan_dahdi.so", "manager reload")), commands.toString());
    }

    @Test
    void aSpanAddedWhileAsteriskRunsNeedsARestartOfAsterisk() throws Exception {
        repository.addTrunk(Plans.dahdi("village", 3, null));
        repository.addSpan(Plans.fxo(1, "village", 1, 4));
        config.syncIfChanged(link);
        await(() -> api.spans().get(0).restartNeeded());
        assertTrue(api.spans().get(0).detail().contains("restart needed"), api.spans().toString());
        assertTrue(ami.actions().stream().anyMatch(a -> "module reload chan_dahdi.so".equals(a.get("command"))),
                "chan_dahdi is still reloaded, for what a reload does apply");
    }

    private List<String> commands() {
        return ami.actions().stream().filter(a -> "command".equalsIgnoreCase(a.get("action")))
                .map(a -> a.get("command")).toList();
    }

    @Test
    void anAddedTrunkIsWrittenToAsterisksConfigurationAndReloaded() throws Exception {
        TrunkSpec added = api.addTrunk(new TrunkSpec("city", null, 2, null, "restricted", "+4930123456", null,
                null, "E1 to the city"));
        assertEquals(new TrunkSpec("city", "dahdi", 2, "", "restricted", "+4930123456", "", "", "E1 to the city"),
                added, "every field filled in");
        assertEquals(Optional.of(added), api.trunk("city"));
        assertTrue(Files.readString(dir.resolve("asterisk").resolve(GeneratedConfig.EXTENSIONS)).contains("city"));
        assertTrue(commands().contains("dialplan reload"), commands().toString());
    }

    @Test
    void anInvalidTrunkIsRefusedAndNothingSaved() {
        PstnPlan before = config.plan();
        assertThrows(IllegalArgumentException.class, () -> api.addTrunk(new TrunkSpec("Bad Name", null, null, null,
                null, null, null, null, null)));
        assertThrows(IllegalArgumentException.class, () -> api.addTrunk(new TrunkSpec("city", null, null, null,
                null, "call me", null, null, null)));
        assertThrows(IllegalArgumentException.class, () -> api.addTrunk(new TrunkSpec("city", null, null, null,
                null, null, "nowhere", null, null)), "the failover trunk must exist");
        assertThrows(IllegalArgumentException.class, () -> api.addTrunk(new TrunkSpec("city", "dahdi", null,
                "127.0.0.9:5060", null, null, null, null, null)), "a dahdi trunk has no SIP peer");
        assertEquals(before, config.plan());
    }

    @Test
    void aTrunkIsChangedButKeepsItsName() {
        api.addTrunk(new TrunkSpec("county", "dahdi", 2, null, null, null, null, null, null));
        api.updateTrunk("lab", new TrunkSpec("lab", "sip-peer", null, "127.0.0.3:5062", null, null, "county", null,
                "moved"));
        TrunkSpec lab = api.trunk("lab").orElseThrow();
        assertEquals("127.0.0.3:5062", lab.peer());
        assertEquals("county", lab.failover());
        assertThrows(IllegalArgumentException.class, () -> api.updateTrunk("lab", new TrunkSpec("lab2", "sip-peer",
                null, "127.0.0.3:5062", null, null, null, null, null)));
        assertThrows(IllegalArgumentException.class, () -> api.removeTrunk("county"), "lab fails over to it");
    }

    @Test
    void spansTakeTheirLineTypesDefaultsAndAreChangedAndRemoved() throws Exception {
        api.addTrunk(new TrunkSpec("city", null, null, null, null, null, null, null, null));
        SpanSpec e1 = api.addSpan(new SpanSpec(1, "city", "e1", null, null, null, null, null, null, null, null,
                null, null));
        assertEquals(List.of(1, 31, 1, "ccs", "hdb3", true, "pri_cpe", "euroisdn"), List.of(e1.firstChannel(),
                e1.ports(), e1.timing(), e1.framing(), e1.coding(), e1.crc4(), e1.signalling(), e1.switchtype()));
        assertEquals(Optional.of(e1), api.span(1));
        assertTrue(Files.readString(dir.resolve("dahdi").resolve(GeneratedConfig.SYSTEM))
                .contains("span=1,1,0,ccs,hdb3,crc4"));

        SpanSpec changed = api.updateSpan(1, new SpanSpec(1, "city", "e1", null, null, 1, 3, null, null, false, null,
                null, null));
        assertEquals(1, changed.firstChannel(), "the span's own channels count as free");
        assertEquals(3, changed.lbo());
        await(() -> !api.spans().isEmpty() && api.spans().get(0).restartNeeded());
        assertThrows(IllegalArgumentException.class, () -> api.addSpan(new SpanSpec(2, "lab", "fxo", 4, null,
                null, null, null, null, null, null, null, null)), "lab is a sip-peer trunk");
        assertThrows(IllegalArgumentException.class, () -> api.removeTrunk("city"), "it still has span 1");
        assertTrue(api.removeSpan(1));
        assertFalse(api.removeSpan(1));
        assertTrue(api.removeTrunk("city"));
    }
}
