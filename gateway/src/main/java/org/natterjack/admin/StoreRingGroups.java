package org.natterjack.admin;

import java.util.List;
import java.util.Optional;
import org.natterjack.routing.RingGroup;
import org.natterjack.store.GroupRepository;
import org.natterjack.store.RouteRepository;

/** {@link RingGroups} on the store; the routing table is rebuilt at once after a change. */
final class StoreRingGroups implements RingGroups {

    private final GroupRepository groups;
    private final RouteRepository routes;

    StoreRingGroups(GroupRepository groups, RouteRepository routes) {
        this.groups = groups;
        this.routes = routes;
    }

    @Override
    public List<RingGroupInfo> list() {
        return groups.list().stream().map(StoreRingGroups::info).toList();
    }

    @Override
    public Optional<RingGroupInfo> find(String name) {
        return list().stream().filter(g -> g.name().equals(name)).findFirst();
    }

    @Override
    public RingGroupInfo add(RingGroupInfo group) {
        RingGroup valid = group(group);
        if (!groups.add(valid)) {
            throw new InvalidFieldException("name", "name: group " + valid.name() + " exists already");
        }
        routes.refreshIfChanged();
        return info(valid);
    }

    @Override
    public Optional<RingGroupInfo> update(RingGroupInfo group) {
        RingGroup valid = group(group);
        if (!groups.update(valid)) {
            return Optional.empty();
        }
        routes.refreshIfChanged();
        return Optional.of(info(valid));
    }

    @Override
    public boolean remove(String name) {
        boolean removed = groups.remove(name);
        routes.refreshIfChanged();
        return removed;
    }

    private static RingGroup group(RingGroupInfo g) {
        return new RingGroup(g.name() == null ? "" : g.name().trim(), g.members(),
                RingGroup.Strategy.parse(g.strategy() == null ? "parallel" : g.strategy().trim()), g.ringSeconds());
    }

    private static RingGroupInfo info(RingGroup g) {
        return new RingGroupInfo(g.name(), g.members(), g.strategy().toString(), g.ringSeconds());
    }
}
