package org.natterjack.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PortPoolTest {

    @Test
    void handsOutEvenOddPairsWithinTheRange() {
        PortPool pool = new PortPool(30001, 30020, new Random(1));
        Set<Integer> seen = new HashSet<>();

        for (int i = 0; i < pool.capacity(); i++) {
            PortPair pair = pool.acquire().orElseThrow();
            assertEquals(0, pair.rtp() % 2);
            assertEquals(pair.rtp() + 1, pair.rtcp());
            assertTrue(pair.rtp() >= 30002 && pair.rtcp() <= 30020, pair.toString());
            assertTrue(seen.add(pair.rtp()), "no pair twice");
        }
        assertEquals(9, pool.capacity()); // 30002..30019
    }

    @Test
    void exhaustionIsEmptyAndAReturnedPairCanBeTakenAgain() {
        PortPool pool = new PortPool(30000, 30003, new Random(1));
        PortPair a = pool.acquire().orElseThrow();
        pool.acquire().orElseThrow();

        assertEquals(Optional.empty(), pool.acquire());
        assertEquals(0, pool.available());

        pool.release(a);
        assertEquals(1, pool.available());
        assertEquals(Optional.of(a), pool.acquire());
    }

    @Test
    void aReturnedPairIsReusedLast() {
        PortPool pool = new PortPool(30000, 30099, new Random(7));
        PortPair first = pool.acquire().orElseThrow();
        pool.release(first);

        for (int i = 0; i < pool.capacity() - 1; i++) {
            assertNotEquals(first, pool.acquire().orElseThrow());
        }
        assertEquals(first, pool.acquire().orElseThrow());
    }

    @Test
    void orderIsRandom() {
        PortPool a = new PortPool(30000, 39999, new Random(1));
        PortPool b = new PortPool(30000, 39999, new Random(2));

        assertNotEquals(List.of(a.acquire(), a.acquire(), a.acquire()), List.of(b.acquire(), b.acquire(), b.acquire()));
    }

    @Test
    void releasingAFreeOrForeignPairFails() {
        PortPool pool = new PortPool(30000, 30009, new Random(1));
        PortPair pair = pool.acquire().orElseThrow();
        pool.release(pair);

        assertThrows(IllegalArgumentException.class, () -> pool.release(pair));
        assertThrows(IllegalArgumentException.class, () -> pool.release(PortPair.of(40000)));
        assertThrows(IllegalArgumentException.class, () -> pool.release(PortPair.of(29998)));
        assertEquals(pool.capacity(), pool.available());
    }

    @Test
    void oddOnlyRangeHasNoPair() {
        assertThrows(IllegalArgumentException.class, () -> new PortPool(30001, 30001, new Random(1)));
        assertThrows(IllegalArgumentException.class, () -> new PortPair(30001, 30002));
    }

    @Test
    void concurrentUseNeverHandsOutAPairTwice() throws Exception {
        PortPool pool = new PortPool(30000, 30199, new Random(3));
        Set<PortPair> held = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        Optional<PortPair> pair = pool.acquire();
                        if (pair.isPresent()) {
                            assertTrue(held.add(pair.get()), "pair handed out twice: " + pair.get());
                            held.remove(pair.get());
                            pool.release(pair.get());
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(pool.capacity(), pool.available());
    }

    @Test
    void coversItsEvenAlignedRange() {
        PortPool pool = new PortPool(30001, 30020, new Random(1));

        assertTrue(pool.covers(30002) && pool.covers(30019));
        assertFalse(pool.covers(30001) || pool.covers(30020) || pool.covers(29998));
    }
}
