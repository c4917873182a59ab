package org.natterjack.webadmin.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.natterjack.testing.MutableClock;

class SessionsTest {

    private final MutableClock clock = new MutableClock();
    private final Sessions sessions = new Sessions(Duration.ofMinutes(30), clock);
    private final Account alice = new Account("alice", Role.OPERATOR, clock.instant());

    @Test
    void useKeepsASessionAliveAndIdlenessEndsIt() {
        Session s = sessions.create(alice);
        assertNotEquals(s.id(), s.csrfToken());

        clock.advance(Duration.ofMinutes(29));
        assertTrue(sessions.touch(s.id()).isPresent());
        clock.advance(Duration.ofMinutes(29));
        assertTrue(sessions.touch(s.id()).isPresent());
        clock.advance(Duration.ofMinutes(30));

        assertEquals(Optional.empty(), sessions.touch(s.id()));
        assertEquals(Optional.empty(), sessions.touch(null));
    }

    @Test
    void removingAnAccountEndsItsSessions() {
        Session s = sessions.create(alice);
        sessions.endAllOf("alice");
        assertEquals(Optional.empty(), sessions.touch(s.id()));
    }
}
