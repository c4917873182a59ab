package org.natterjack.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.natterjack.routing.RingGroup;

class GroupRepositoryTest extends StoreTestBase {


    private final RingGroup sales = new RingGroup("sales", List.of("carl", "ann", "bo"),
            RingGroup.Strategy.SEQUENTIAL, 15);
    private final RingGroup support = new RingGroup("support", List.of("dee"), RingGroup.Strategy.PARALLEL, 30);

    @Test
    void groupsAreListedByNameWithTheirMembersInCallingOrder() {
        GroupRepository groups = new GroupRepository(open());
        assertTrue(groups.add(support));
        assertTrue(groups.add(sales));
        assertFalse(groups.add(new RingGroup("sales", List.of("x"), RingGroup.Strategy.PARALLEL, 5)),
                "a name is taken once");
        assertEquals(List.of(sales, support), groups.list());
    }

    @Test
    void removingAGroupRemovesItsMembersSoTheNameCanBeUsedAgain() {
        GroupRepository groups = new GroupRepository(open());
        groups.add(sales);
        assertTrue(groups.remove("sales"));
        assertFalse(groups.remove("sales"));
        RingGroup again = new RingGroup("sales", List.of("eve"), RingGroup.Strategy.PARALLEL, 20);
        assertTrue(groups.add(again));
        assertEquals(List.of(again), groups.list());
    }

    @Test
    void theRoutingTableSeesGroupsChangedFromAnotherConnection() throws InterruptedException {
        try (RouteRepository routes = new RouteRepository(open())) {
            assertTrue(routes.table().group("sales").isEmpty());
            new GroupRepository(open()).add(sales);
            refreshUntil(routes::refreshIfChanged, () -> routes.table().group("sales").isPresent());
            assertEquals(sales, routes.table().group("sales").orElseThrow());
            new GroupRepository(open()).remove("sales");
            refreshUntil(routes::refreshIfChanged, () -> routes.table().group("sales").isEmpty());
            assertTrue(routes.table().group("sales").isEmpty());
        }
    }
}
