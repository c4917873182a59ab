package org.natterjack.pstn.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.natterjack.plugin.BackupPart;
import org.natterjack.plugin.TableBackup;

/**
 * Trunks and spans in the configuration backup. The AMI secret is left out: it belongs to this host's
 * Asterisk. A restored plan is checked whole inside the restore's transaction, as every change is.
 */
public final class PstnBackup implements BackupPart {

    private final TableBackup tables = new TableBackup("pstn", List.of(
            new TableBackup.Table("pstn_trunk", List.of("name", "type", "dahdi_group", "peer", "presentation",
                    "caller_id", "failover", "description", "inbound_number"), "name"),
            new TableBackup.Table("pstn_span", List.of("number", "trunk", "line_type", "first_channel", "channels",
                    "timing", "lbo", "framing", "coding", "crc4", "signalling", "switchtype", "echo_canceller"),
                    "number")), data -> { });

    @Override
    public String name() {
        return tables.name();
    }

    @Override
    public JsonNode export(Connection c) throws SQLException {
        return tables.export(c);
    }

    @Override
    public void validate(JsonNode data) {
        tables.validate(data);
    }

    @Override
    public void restore(Connection c, JsonNode data) throws SQLException {
        tables.restore(c, data);
        try {
            PstnRepository.read(c);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pstn: " + e.getMessage(), e);
        }
    }
}
