package org.natterjack.webadmin;

import java.util.List;
import java.util.Optional;
import org.natterjack.admin.AdminApi;
import org.natterjack.admin.RingGroupInfo;
import org.natterjack.webadmin.audit.AuditLog;
import org.natterjack.webadmin.auth.Principal;

/** Ring groups for pages and API, each change audited with the group before and after. */
public final class GroupOperations {

    private final AdminApi admin;
    private final AuditLog audit;

    public GroupOperations(AdminApi admin, AuditLog audit) {
        this.admin = admin;
        this.audit = audit;
    }

    public List<RingGroupInfo> list() {
        return admin.groups().list();
    }

    public Optional<RingGroupInfo> find(String name) {
        return admin.groups().find(name);
    }

    public RingGroupInfo add(Principal who, RingGroupInfo group) {
        RingGroupInfo added = admin.groups().add(group);
        audit.record(who.name(), "ring-group.add", added.name(), null, added);
        return added;
    }

    /** @return empty if there is no such group */
    public Optional<RingGroupInfo> update(Principal who, RingGroupInfo group) {
        Optional<RingGroupInfo> before = admin.groups().find(group.name());
        Optional<RingGroupInfo> after = admin.groups().update(group);
        after.ifPresent(a -> audit.record(who.name(), "ring-group.update", a.name(), before.orElse(null), a));
        return after;
    }

    public boolean remove(Principal who, String name) {
        Optional<RingGroupInfo> before = admin.groups().find(name);
        boolean removed = admin.groups().remove(name);
        if (removed) {
            audit.record(who.name(), "ring-group.remove", name, before.orElse(null), null);
        }
        return removed;
    }
}
