package org.natterjack.pstn.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToTheMaximumAndStartsOverAfterASuccess() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10));
        assertEquals(List.of(1L, 2L, 4L, 8L, 10L, 10L),
                IntStream.range(0, 6).mapToObj(i -> backoff.next().toSeconds()).toList());
        backoff.reset();
        assertEquals(Duration.ofSeconds(1), backoff.next());
    }

    @Test
    void aMaximumBelowOneSecondIsKept() {
        assertEquals(Duration.ofMillis(500), new Backoff(Duration.ofMillis(500)).next());
    }
}
