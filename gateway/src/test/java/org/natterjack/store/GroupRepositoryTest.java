package org.natterjack.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.routing.RingGroup;

class GroupRepositoryTest {

    @TempDir
    Path dataDir;

    private final RingGroup sales = new RingGroup("sales", List.of("carl", "ann", "bo"),
            RingGroup.Strategy.SEQUENTIAL, 15);
    private final RingGroup support = new RingGroup("support", List.of("dee"), RingGroup.Strategy.PARALLEL, 30);

    @Test
    void groupsAreListedByNameWithTheirMembersInCallingOrder() {
        GroupRepository groups = new GroupRepository(Store.open(dataDir));
        assertTrue(groups.add(support));
        assertTrue(groups.add(sales));
        assertFalse(groups.add(new RingGroup("sales", List.of("x"), RingGroup.Strategy.PARALLEL, 5)),
                "a name is taken once");
        assertEquals(List.of(sales, support), groups.list());
    }

    @Test
    void removingAGroupRemovesItsMembersSoTheNameCanBeUsedAgain() {
        GroupRepository groups = new GroupRepository(Store.open(dataDir));
        groups.add(sales);
        assertTrue(groups.remove("sales"));
        assertFalse(groups.remove("sales"));
        RingGroup again = new RingGroup("sales", List.of("eve"), RingGroup.Strategy.PARALLEL, 20);
        assertTrue(groups.add(again));
        assertEquals(List.of(again), groups.list());
    }

    @Test
    void theRoutingTableSeesGroupsChangedFromAnotherConnection() {
        try (RouteRepository routes = new RouteRepository(Store.open(dataDir))) {
            assertTrue(routes.table().group("sales").isEmpty());
            new GroupRepository(Store.open(dataDir)).add(sales);
            routes.refreshIfChanged();
            assertEquals(sales, routes.table().group("sales").orElseThrow());
            new GroupRepository(Store.open(dataDir)).remove("sales");
            routes.refreshIfChanged();
            assertTrue(routes.table().group("sales").isEmpty());
        }
    }
}
