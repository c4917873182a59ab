package org.natterjack.webadmin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.natterjack.admin.AdminApi;
import org.natterjack.admin.RestoreResult;
import org.natterjack.webadmin.audit.AuditLog;
import org.natterjack.webadmin.auth.Principal;

/** Download and restore of the configuration backup, audited (downloads too: the document holds hashes). */
public final class BackupOperations {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdminApi admin;
    private final AuditLog audit;

    public BackupOperations(AdminApi admin, AuditLog audit) {
        this.admin = admin;
        this.audit = audit;
    }

    public byte[] download(Principal who) {
        byte[] document = admin.backup().export();
        audit.record(who.name(), "backup.download", "configuration", null, Map.of("parts", counts(document)));
        return document;
    }

    /** @throws IllegalArgumentException naming what is wrong with the document; nothing changed then */
    public RestoreResult restore(Principal who, byte[] document) {
        Map<String, Integer> before = counts(admin.backup().export());
        RestoreResult result = admin.backup().restore(document);
        audit.record(who.name(), "backup.restore", "configuration", Map.of("parts", before), result);
        return result;
    }

    /** Rows per part (the first table of each), to show in the audit log what a restore replaced. */
    private static Map<String, Integer> counts(byte[] document) {
        Map<String, Integer> counts = new TreeMap<>();
        try {
            JSON.readTree(document).path("parts").fields().forEachRemaining(part -> {
                JsonNode first = part.getValue().elements().hasNext() ? part.getValue().elements().next() : null;
                counts.put(part.getKey(), first != null && first.isArray() ? first.size() : part.getValue().size());
            });
        } catch (IOException e) {
            throw new IllegalStateException("the gateway's own backup is not JSON", e);
        }
        return counts;
    }
}
