package org.natterjack.sip.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AnswerCacheTest {

    private static final class FakeClock extends Clock {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final FakeClock clock = new FakeClock();
    private final AnswerCache cache = new AnswerCache(clock);

    private static AnswerCache.Key key(String branch) {
        return new AnswerCache.Key(branch, InetAddress.getLoopbackAddress(), 5062, "call-" + branch, 1);
    }

    @Test
    void theFirstCopyIsServedARetransmissionWaitsForItsAnswerThenGetsIt() {
        assertInstanceOf(AnswerCache.First.class, cache.begin(key("z9hg4bk1")));
        assertInstanceOf(AnswerCache.InProgress.class, cache.begin(key("z9hg4bk1")));

        cache.answered(key("z9hg4bk1"), new byte[] {1, 2, 3});

        var seen = assertInstanceOf(AnswerCache.Answered.class, cache.begin(key("z9hg4bk1")));
        assertArrayEquals(new byte[] {1, 2, 3}, seen.octets());
        assertInstanceOf(AnswerCache.First.class, cache.begin(key("z9hg4bk2")), "another transaction");
    }

    @Test
    void anotherSourceOrCSeqIsAnotherRequest() {
        cache.begin(key("z9hg4bk1"));
        cache.answered(key("z9hg4bk1"), new byte[] {1});

        var otherPort = new AnswerCache.Key("z9hg4bk1", InetAddress.getLoopbackAddress(), 5063, "call-z9hg4bk1", 1);
        var otherCSeq = new AnswerCache.Key("z9hg4bk1", InetAddress.getLoopbackAddress(), 5062, "call-z9hg4bk1", 2);
        assertInstanceOf(AnswerCache.First.class, cache.begin(otherPort));
        assertInstanceOf(AnswerCache.First.class, cache.begin(otherCSeq));
    }

    @Test
    void answersAreForgottenAfterTheirTime() {
        cache.begin(key("z9hg4bk1"));
        cache.answered(key("z9hg4bk1"), new byte[] {1});
        clock.now = clock.now.plus(Duration.ofMillis(AnswerCache.TTL_MILLIS - 1));
        assertInstanceOf(AnswerCache.Answered.class, cache.begin(key("z9hg4bk1")));

        clock.now = clock.now.plus(Duration.ofMillis(1));

        assertInstanceOf(AnswerCache.First.class, cache.begin(key("z9hg4bk1")), "served again, as without the cache");
    }

    @Test
    void theCacheIsBoundedOldestFirst() {
        for (int i = 0; i <= AnswerCache.MAX_ENTRIES; i++) {
            cache.begin(key("z9hg4bk" + i));
        }

        assertEquals(AnswerCache.MAX_ENTRIES, cache.size());
        assertInstanceOf(AnswerCache.First.class, cache.begin(key("z9hg4bk0")), "the oldest went");
    }
}
