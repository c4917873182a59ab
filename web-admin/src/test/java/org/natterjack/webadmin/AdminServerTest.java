package org.natterjack.webadmin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.natterjack.admin.InvalidFieldException;

class AdminServerTest {

    @Test
    void theFieldComesFromTheRefusalsValuesNotFromItsText() {
        assertEquals(Optional.of("maxContacts"), AdminServer.fieldOf(
                new InvalidFieldException("maxContacts", "maxContacts: 0 (the registrar's setting) to 100, not 500")));
        assertEquals(Optional.of("displayName"), AdminServer.fieldOf(
                new InvalidFieldException("displayName", "display name: at most 100 characters")));
        assertEquals(Optional.empty(), AdminServer.fieldOf(new IllegalArgumentException("username: looks like one")),
                "a message is not parsed for a field");
    }
}
