package org.natterjack.cdr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EModelTest {

    @Test
    void aCleanG711StreamRatesAsAnyNarrowbandCallCanAtBest() {
        // R = 93.2 - 0.96 (40 ms) = 92.24: G.107's "very satisfied" band, MOS 4.39.
        assertEquals(92.24, EModel.rating(0, 0), 0.01);
        assertEquals(4.39, EModel.mos(0, 0), 0.01);
    }

    @Test
    void randomLossLowersTheScoreAsG113Says() {
        // Ie,eff = 95 * 5 / (5 + 25.1) = 15.78: R 76.46, MOS 3.88; at 20 % R 50.1, MOS 2.58.
        assertEquals(3.88, EModel.mos(5, 0), 0.01);
        assertEquals(2.58, EModel.mos(20, 0), 0.01);
        assertTrue(EModel.mos(1, 0) > EModel.mos(2, 0));
    }

    @Test
    void jitterCostsThroughTheDelayOfTheBufferThatAbsorbsIt() {
        // 100 ms of jitter: a 200 ms buffer, 220 ms mouth to ear: Id = 5.28 + 0.11 * 42.7 = 9.98.
        assertEquals(93.2 - 9.98, EModel.rating(0, 100), 0.01);
        assertTrue(EModel.mos(0, 100) < EModel.mos(0, 5));
    }

    @Test
    void theScoreStaysWithinTheScale() {
        assertEquals(1.0, EModel.mosOf(-5));
        assertEquals(4.5, EModel.mosOf(120));
        assertTrue(EModel.mos(100, 1000) >= 1.0);
    }
}
