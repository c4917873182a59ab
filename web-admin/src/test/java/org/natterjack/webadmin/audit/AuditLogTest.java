package org.natterjack.webadmin.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditLogTest {

    @Test
    void csvQuotesEveryFieldAndDefusesFormulas() {
        String csv = AuditLog.csv(List.of(new AuditEntry(1, Instant.parse("2026-01-01T00:00:00Z"), "admin",
                "sip-user.add", "=HYPERLINK(\"x\")", "", "{\"a\":\"b\"}")));

        assertEquals("id,at,actor,action,target,old,new\r\n1,2026-01-01T00:00:00Z,\"admin\",\"sip-user.add\","
                + "\"'=HYPERLINK(\"\"x\"\")\",\"\",\"{\"\"a\"\":\"\"b\"\"}\"\r\n", csv);
    }
}
