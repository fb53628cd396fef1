package dev.vla4j.sim.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WilsonIntervalTest {
    @Test
    void matchesTheTextbookValues() {
        // 45/50: statsmodels proportion_confint(45, 50, method="wilson") = (0.7864, 0.9565)
        WilsonInterval interval = WilsonInterval.of(45, 50);
        assertEquals(0.7864, interval.low(), 1e-4);
        assertEquals(0.9565, interval.high(), 1e-4);
        WilsonInterval none = WilsonInterval.of(0, 50);
        assertEquals(0.0, none.low(), 1e-12);
        assertEquals(0.0713, none.high(), 1e-4);
        WilsonInterval all = WilsonInterval.of(50, 50);
        assertEquals(0.9287, all.low(), 1e-4);
        assertEquals(1.0, all.high(), 1e-12);
        for (int n = 1; n <= 200; n++) { // the rate never falls outside its interval by rounding
            assertEquals(1.0, WilsonInterval.of(n, n).high(), "high of " + n + "/" + n);
            assertEquals(0.0, WilsonInterval.of(0, n).low(), "low of 0/" + n);
        }
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(3, 2));
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(0, 0));
    }
}
