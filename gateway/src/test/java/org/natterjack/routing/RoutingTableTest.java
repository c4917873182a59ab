package org.natterjack.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingTableTest {

    private static final InetAddress PUBLIC = addr("203.0.113.9");
    private static final InetAddress PEER = addr("198.51.100.20");

    private static InetAddress addr(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RoutingTable table(RoutingRule... rules) {
        return new RoutingTable(List.of(rules), List.of());
    }

    private static RoutingRule rule(long id, int position, String prefix, String regex, String source, int strip,
                                    String add, String replace, String with, String to, boolean failover) {
        return new RuleSpec(id, position, prefix, regex, source, strip, add, replace, with, to, failover, "")
                .toRule(id);
    }

    @Test
    void firstMatchInPositionOrderWins() {
        RoutingTable table = table(
                rule(1, 20, "49", null, null, 0, "", null, null, "reject:403", false),
                rule(2, 10, "4930", null, null, 0, "", null, null, "user:alice", false));
        List<RoutingTable.Route> routes = table.routes("4930123", PUBLIC);
        assertEquals(1, routes.size());
        assertEquals(new Destination.LocalUser("alice"), routes.get(0).destination());
    }

    @Test
    void numberIsStrippedPrefixedAndReplacedInThatOrder() {
        RoutingTable table = table(
                rule(1, 1, "0", null, null, 1, "+49", "^\\+4930(\\d+)$", "$1", "user:*", false));
        assertEquals("1234", table.routes("0301234", PUBLIC).get(0).user());
    }

    @Test
    void regexMustMatchTheWholeUser() {
        RoutingTable table = table(rule(1, 1, null, "1\\d{3}", null, 0, "", null, null,
                "user:*", false));
        assertEquals(1, table.routes("1001", PUBLIC).size());
        assertEquals(0, table.routes("10011", PUBLIC).size());
    }

    @Test
    void sourceRestrictsARule() {
        RoutingTable table = table(
                rule(1, 1, "00", null, "198.51.100.0/24", 0, "", null, null, "hop:192.0.2.1:5060", false));
        assertEquals(1, table.routes("0049", PEER).size());
        assertTrue(table.routes("0049", PUBLIC).isEmpty());
    }

    @Test
    void failoverChainsTheNextMatchingRulesOnly() {
        RoutingTable table = table(
                rule(1, 1, "00", null, null, 0, "", null, null, "hop:192.0.2.1:5060", true),
                rule(2, 2, "0", null, null, 0, "", null, null, "hop:192.0.2.2:5060;transport=tcp", false),
                rule(3, 3, "00", null, null, 0, "", null, null, "reject:503", false));
        List<RoutingTable.Route> routes = table.routes("0049", PUBLIC);
        assertEquals(List.of(new Destination.NextHop("192.0.2.1", 5060, "udp"),
                new Destination.NextHop("192.0.2.2", 5060, "tcp")),
                routes.stream().map(RoutingTable.Route::destination).toList());
    }

    @Test
    void destinationsParseAndBadOnesAreNamed() {
        assertEquals(new Destination.Redirect("kim"), Destination.parse("redirect:kim"));
        assertEquals(new Destination.Reject(486), Destination.parse("reject:486"));
        assertEquals(new Destination.NextHop("2001:db8::1", 5080, "udp"), Destination.parse("hop:[2001:db8::1]:5080"));
        assertEquals(new Destination.NextHop("pbx.example.org", 5060, "udp"), Destination.parse("hop:pbx.example.org"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Destination.parse("reject:200"))
                .getMessage().contains("400-699"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Destination.parse("queue:x"))
                .getMessage().contains("not one of"));
        assertEquals(new Destination.Trunk("city_2"), Destination.parse("trunk:city_2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Destination.parse("trunk:City"))
                .getMessage().contains("lower-case word"));
        assertEquals(new Destination.Group("sales"), Destination.parse("group:sales"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Destination.parse("group:Sales team"))
                .getMessage().contains("lower-case word"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Destination.parse("hop:h:1;transport=sctp"))
                .getMessage().contains("transport"));
    }

    @Test
    void specsWithBothOrNoMatchOrABadRegexAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> rule(1, 1, "1", "1", null, 0, "", null, null, "user:a", false));
        assertThrows(IllegalArgumentException.class,
                () -> rule(1, 1, null, null, null, 0, "", null, null, "user:a", false));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> rule(1, 1, null, "(", null, 0, "", null, null, "user:a", false))
                .getMessage().contains("not a valid regular expression"));
    }

    @Test
    void ringGroupsAreFoundByName() {
        RingGroup sales = new RingGroup("sales", List.of("ann", "bo"), RingGroup.Strategy.PARALLEL, 30);
        RoutingTable table = new RoutingTable(List.of(), List.of(sales));
        assertEquals(sales, table.group("sales").orElseThrow());
        assertTrue(table.group("support").isEmpty());
    }

    @Test
    void ringGroupsWithoutMembersWithDuplicatesOrABadStrategyAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new RingGroup("sales", List.of(), RingGroup.Strategy.PARALLEL, 30));
        assertThrows(IllegalArgumentException.class,
                () -> new RingGroup("sales", List.of("ann", "ann"), RingGroup.Strategy.PARALLEL, 30));
        assertThrows(IllegalArgumentException.class,
                () -> new RingGroup("sales", List.of("ann"), RingGroup.Strategy.SEQUENTIAL, 0));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new RingGroup("sales", List.of("ann", " bo"), RingGroup.Strategy.PARALLEL, 30))
                .getMessage().contains("' bo' is not a user name"));
        assertEquals(RingGroup.Strategy.SEQUENTIAL, RingGroup.Strategy.parse("Sequential"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RingGroup.Strategy.parse("random"))
                .getMessage().contains("parallel or sequential"));
    }
}
