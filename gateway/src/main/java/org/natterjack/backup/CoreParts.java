package org.natterjack.backup;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.natterjack.nat.NatPolicy;
import org.natterjack.plugin.BackupPart;
import org.natterjack.plugin.TableBackup;
import org.natterjack.routing.RingGroup;
import org.natterjack.routing.RuleSpec;
import org.natterjack.users.UserPolicy;

/** The core's tables in the backup: SIP users (HA1 values as stored, their policies), routing rules, ring groups. */
final class CoreParts {

    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9._~+-]{1,64}");
    private static final Pattern ANY = Pattern.compile("(?s).+");
    private static final Pattern ANY_OR_EMPTY = Pattern.compile("(?s).*");
    private static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private CoreParts() {
    }

    static List<BackupPart> all() {
        return List.of(users(), routes(), groups());
    }

    static BackupPart users() {
        TableBackup.Table table = new TableBackup.Table("sip_user", List.of("username", "domain", "realm",
                "ha1_md5", "ha1_sha256", "display_name", "created_at", "max_contacts", "nat_policy", "home_route",
                "tunnel_allowed"),
                "username, domain");
        return new TableBackup("sip-users", List.of(table), data -> data.get("sip_user").forEach(row -> {
            String where = "sip-users.sip_user[" + Rows.text(row, "username", "sip-users.sip_user") + "]";
            Rows.required(row, "username", where, WORD);
            Rows.text(row, "domain", where);
            Rows.required(row, "realm", where, ANY);
            Rows.required(row, "ha1_md5", where, MD5);
            Rows.required(row, "ha1_sha256", where, SHA256);
            Rows.required(row, "created_at", where, ANY);
            checkPolicy(row, where);
        }));
    }

    /** The policy columns; a backup made before they existed leaves them out, and they keep their defaults. */
    private static void checkPolicy(JsonNode row, String where) {
        int maxContacts = row.has("max_contacts") ? Rows.integer(row, "max_contacts", where) : 0;
        String natPolicy = row.has("nat_policy") ? Rows.text(row, "nat_policy", where) : "auto";
        String homeRoute = row.has("home_route") ? Rows.required(row, "home_route", where, ANY_OR_EMPTY) : "";
        if (row.has("tunnel_allowed") && Rows.integer(row, "tunnel_allowed", where) >>> 1 != 0) {
            throw new IllegalArgumentException(where + ": tunnel_allowed must be 0 or 1");
        }
        try {
            new UserPolicy(maxContacts, NatPolicy.parse(natPolicy), homeRoute);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    static BackupPart routes() {
        TableBackup.Table table = new TableBackup.Table("route_rule", List.of("id", "position", "match_prefix",
                "match_regex", "source", "strip", "add_prefix", "replace_regex", "replace_with", "destination",
                "failover", "description"), "position, id");
        return new TableBackup("routes", List.of(table), data -> data.get("route_rule").forEach(row -> {
            String where = "routes.route_rule[" + row.path("id") + "]";
            int id = Rows.integer(row, "id", where);
            try {
                new RuleSpec(id, Rows.integer(row, "position", where), Rows.text(row, "match_prefix", where),
                        Rows.text(row, "match_regex", where), Rows.text(row, "source", where),
                        Rows.integer(row, "strip", where), Rows.text(row, "add_prefix", where),
                        Rows.text(row, "replace_regex", where), Rows.text(row, "replace_with", where),
                        Rows.text(row, "destination", where), Rows.integer(row, "failover", where) == 1,
                        Rows.text(row, "description", where)).toRule(id);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }));
    }

    static BackupPart groups() {
        TableBackup.Table groups = new TableBackup.Table("ring_group", List.of("name", "strategy", "ring_seconds"),
                "name");
        TableBackup.Table members = new TableBackup.Table("ring_group_member", List.of("group_name", "position",
                "username"), "group_name, position");
        return new TableBackup("ring-groups", List.of(groups, members), CoreParts::checkGroups);
    }

    private static void checkGroups(JsonNode data) {
        Map<String, List<String>> members = new HashMap<>();
        data.get("ring_group_member").forEach(row -> members.computeIfAbsent(
                Rows.text(row, "group_name", "ring-groups.ring_group_member"), k -> new ArrayList<>())
                .add(Rows.text(row, "username", "ring-groups.ring_group_member")));
        for (JsonNode row : data.get("ring_group")) {
            String name = Rows.text(row, "name", "ring-groups.ring_group");
            String where = "ring-groups.ring_group[" + name + "]";
            try {
                new RingGroup(name, members.getOrDefault(name, List.of()),
                        RingGroup.Strategy.parse(String.valueOf(Rows.text(row, "strategy", where))),
                        Rows.integer(row, "ring_seconds", where));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            members.remove(name);
        }
        members.keySet().stream().findFirst().ifPresent(g -> {
            throw new IllegalArgumentException("ring-groups.ring_group_member: members of a group '" + g
                    + "' that is not in ring_group");
        });
    }
}
