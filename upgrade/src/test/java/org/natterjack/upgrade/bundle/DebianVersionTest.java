package org.natterjack.upgrade.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Cases checked against {@code dpkg --compare-versions} (deb-version(7)). */
class DebianVersionTest {

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
            "0.1.0~20261205001500, 0.1.0",
            "0.1.0~20261205001500, 0.1.0~20261206000000",
            "0.1.0~rc1, 0.1.0~rc2",
            "0.1.0~~, 0.1.0~",
            "0.1.0, 0.1.0+b1",
            "0.1.0, 0.1.0-1",
            "0.1.0-1, 0.1.0-2",
            "0.1.0-9, 0.1.0-10",
            "0.9, 0.10",
            "1.0a, 1.0b",
            "1.0a, 1.0+",
            "1.0, 1.0a",
            "9.9, 1:0.1",
            "1:2.0, 2:1.0",
            "0.1.0-SNAPSHOT, 0.1.1",
    })
    void ordersAsDpkg(String older, String newer) {
        assertEquals(-1, Integer.signum(DebianVersion.parse(older).compareTo(DebianVersion.parse(newer))));
        assertEquals(1, Integer.signum(DebianVersion.parse(newer).compareTo(DebianVersion.parse(older))));
    }

    @Test
    void equalVersionsAndLeadingZeros() {
        assertEquals(0, DebianVersion.parse("1.01").compareTo(DebianVersion.parse("1.1")));
        assertEquals(0, DebianVersion.parse("0:1.0").compareTo(DebianVersion.parse("1.0")));
    }

    @Test
    void refusesWhatIsNoVersion() {
        assertThrows(IllegalArgumentException.class, () -> DebianVersion.parse("dev"));
        assertThrows(IllegalArgumentException.class, () -> DebianVersion.parse(""));
        assertThrows(IllegalArgumentException.class, () -> DebianVersion.parse("1.0 beta"));
    }
}
