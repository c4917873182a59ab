package org.natterjack.tunnel.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ControlMessageTest {

    @Test
    void itIsAVerbAndSortedFieldLines() {
        ControlMessage hello = ControlMessage.of("hello", "user", "alice", "nonce", "abc", "version", "1");

        assertEquals("hello\nnonce: abc\nuser: alice\nversion: 1\n",
                new String(hello.encode(), StandardCharsets.UTF_8));
        assertEquals(hello, ControlMessage.decode(hello.encode()));
        assertEquals("alice", hello.require("user"));
    }

    @Test
    void brokenMessagesAreRefused() {
        assertThrows(FrameFormatException.class, () -> decode("Hello\n"), "a verb is lower case");
        assertThrows(FrameFormatException.class, () -> decode("hello\nuser alice\n"), "no colon");
        assertThrows(FrameFormatException.class, () -> decode("hello\nuser: a\nuser: b\n"), "a field twice");
        assertThrows(FrameFormatException.class, () -> ControlMessage.decode(new byte[5000]), "too large");
        assertThrows(FrameFormatException.class, () -> ControlMessage.of("ping").require("seq"), "missing");
    }

    private static ControlMessage decode(String text) {
        return ControlMessage.decode(text.getBytes(StandardCharsets.UTF_8));
    }
}
