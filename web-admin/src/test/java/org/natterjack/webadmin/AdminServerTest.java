package org.natterjack.webadmin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminServerTest {

    @Test
    void theFieldIsTheWordBeforeTheColon() {
        assertEquals(Optional.of("username"), AdminServer.fieldOf("username: 1-64 characters"));
        assertEquals(Optional.empty(), AdminServer.fieldOf("malformed JSON: Unexpected end"));
        assertEquals(Optional.empty(), AdminServer.fieldOf("no colon"));
    }
}
