package org.natterjack.webadmin.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void argon2idHashesVerifyOnlyTheirPassword() {
        String hash = hasher.hash("correct horse");

        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertTrue(hasher.verify("correct horse", hash));
        assertFalse(hasher.verify("correct horsE", hash));
        assertNotEquals(hash, hasher.hash("correct horse"), "salted");
        assertFalse(hasher.verify("x", "not a hash"));
    }
}
