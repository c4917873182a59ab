package org.natterjack.webadmin.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.natterjack.plugin.BackupPart;
import org.natterjack.plugin.TableBackup;

/** Web admin accounts (Argon2id hashes) and API tokens (SHA-256 digests) in the configuration backup. */
public final class AccountsBackup {

    private static final Set<String> ROLES = Set.of("ADMIN", "OPERATOR", "MONITOR");
    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

    private AccountsBackup() {
    }

    public static BackupPart part() {
        TableBackup.Table accounts = new TableBackup.Table("admin_account", List.of("username", "password_hash",
                "role", "created_at"), "username");
        TableBackup.Table tokens = new TableBackup.Table("api_token", List.of("id", "name", "token_hash", "role",
                "created_by", "created_at"), "id");
        return new TableBackup("web-admin", List.of(accounts, tokens), data -> {
            for (JsonNode row : data.get("admin_account")) {
                String where = "web-admin.admin_account[" + row.path("username").asText() + "]";
                if (!row.path("password_hash").asText().startsWith("$argon2id$")) {
                    throw new IllegalArgumentException(where + ".password_hash: not an Argon2id hash");
                }
                role(row.path("role").asText(), where);
            }
            for (JsonNode row : data.get("api_token")) {
                String where = "web-admin.api_token[" + row.path("name").asText() + "]";
                if (!DIGEST.matcher(row.path("token_hash").asText()).matches()) {
                    throw new IllegalArgumentException(where + ".token_hash: not a SHA-256 digest");
                }
                role(row.path("role").asText(), where);
            }
        });
    }

    private static void role(String role, String where) {
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException(where + ".role: '" + role + "' is not one of " + ROLES);
        }
    }
}
