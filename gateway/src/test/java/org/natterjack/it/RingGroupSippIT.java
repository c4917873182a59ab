package org.natterjack.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ring groups end to end, with groups and routes added through the command line while the gateway runs:
 * a parallel group rings every member at once and cancels the others when one answers; a sequential
 * group rings one member after the other; a group with nobody reachable gets 480.
 */
class RingGroupSippIT {

    private static final String CONFIG = """
            nat:
              keepalive-seconds: 0
            """;

    @TempDir
    static Path dir;
    static GatewayProcess gateway;
    static int port;

    @BeforeAll
    static void startGateway() throws Exception {
        port = Ports.free();
        for (String user : List.of("ann", "bo", "cy", "di", "eve")) {
            cli("user", "add", user, "--password", "pw-" + user);
        }
        gateway = GatewayProcess.start(dir.resolve("gw"), CONFIG, List.of(), "--listen", "127.0.0.1:" + port);
        cli("group", "add", "sales", "--members", "ann,bo");
        cli("group", "add", "support", "--members", "ghost,cy,eve,di", "--strategy", "sequential",
                "--ring-seconds", "2");
        cli("group", "add", "night", "--members", "eve,ghost");
        for (String group : List.of("sales", "support", "night")) {
            cli("route", "add", "--regex", group, "--to", "group:" + group);
        }
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
    }

    private static void cli(String... args) throws Exception {
        GatewayProcess.runOk(dir.resolve("gw/data"), args);
    }

    private static Sipp.Running member(String user, String uasScenario, int seconds) throws Exception {
        int sipPort = Ports.free();
        Sipp.Running running = Sipp.start(dir.resolve("callee"), List.of(), "register-and-wait.xml",
                "127.0.0.1:" + port, List.of("-i", "127.0.0.1", "-p", Integer.toString(sipPort),
                        "-au", user, "-ap", "pw-" + user, "-key", "user", user, "-key", "domain", "127.0.0.1",
                        "-key", "contact", "Contact: <sip:" + user + "@127.0.0.1:" + sipPort + ">",
                        "-oocsf", Sipp.SCENARIOS.resolve(uasScenario).toString(),
                        "-d", Integer.toString(seconds * 1000)));
        gateway.awaitBindings("sip:" + user + "@127.0.0.1", 1);
        return running;
    }

    private static Sipp.Result call(String scenario, String group) throws Exception {
        return Sipp.run(dir.resolve("caller"), List.of(), scenario, "127.0.0.1:" + port,
                List.of("-i", "127.0.0.1", "-p", Integer.toString(Ports.free()), "-key", "callee", group,
                        "-key", "domain", "127.0.0.1", "-key", "caller", "zoe", "-key", "caller_domain",
                        "198.51.100.7", "-d", "500"));
    }

    private static long requests(Sipp.Result ua, String method) {
        return ua.trace().received().stream().filter(m -> m.isRequest(method)).count();
    }

    @Test
    void parallelGroupRingsEveryMemberAndTheFirstAnswerTakesTheCall() throws Exception {
        Sipp.Running ringing = member("ann", "uas-ring.xml", 8);
        Sipp.Running answering = member("bo", "uas-answer.xml", 8);
        assertEquals(0, call("uac-call.xml", "sales").exitCode());
        Sipp.Result ann = ringing.await();
        assertEquals(1, requests(ann, "INVITE"), "ann's phone rang");
        assertEquals(1, requests(ann, "CANCEL"), "and was cancelled when bo answered");
        assertEquals(1, requests(answering.await(), "BYE"), "the call went on with bo");
    }

    @Test
    void sequentialGroupSkipsUnreachableMembersAndMovesOnAfterTheRingTime() throws Exception {
        Sipp.Running first = member("cy", "uas-ring.xml", 10);
        Sipp.Running second = member("di", "uas-answer.xml", 10);
        assertEquals(0, call("uac-call.xml", "support").exitCode(),
                "ghost (no such user) and eve (not registered) skipped; cy rang 2 s, then di answered");
        assertEquals(1, requests(first.await(), "CANCEL"), "cy's phone was cancelled after its ring time");
        Sipp.Result di = second.await();
        assertEquals(1, requests(di, "INVITE"));
        assertEquals(1, requests(di, "BYE"));
    }

    @Test
    void groupWithNobodyReachableGets480() throws Exception {
        assertEquals(480, call("uac-expect.xml", "night").lastReceived().status());
    }
}
