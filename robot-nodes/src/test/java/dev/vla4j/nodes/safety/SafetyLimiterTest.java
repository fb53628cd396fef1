package dev.vla4j.nodes.safety;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.policy.Robot;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SafetyLimiterTest {
    private static final float[] ZERO = {0, 0};
    private long now = 1_000_000_000L;
    private final Robot.ActionSpec spec = new Robot.ActionSpec(new float[] {-1, -2}, new float[] {1, 2});

    private SafetyLimiter limiter(SafetyLimits limits) {
        return new SafetyLimiter(limits, () -> now);
    }

    private void advanceMs(long ms) {
        now += ms * 1_000_000L;
    }

    @Test
    void clampsEachDimensionToItsRange() {
        SafetyLimiter limiter = limiter(SafetyLimits.of(spec));
        assertArrayEquals(new float[] {1, -2}, limiter.command(new float[] {5, -7}));
        assertArrayEquals(new float[] {0.5f, 1.5f}, limiter.command(new float[] {0.5f, 1.5f}));
        assertEquals(1, limiter.counters().clamped());
        assertEquals(2, limiter.counters().accepted());
    }

    @Test
    void nonFiniteCommandsAreRejectedCountedAndHeld() {
        SafetyLimiter limiter = limiter(SafetyLimits.of(spec));
        limiter.command(new float[] {0.5f, 0.5f});
        assertArrayEquals(ZERO, limiter.command(new float[] {Float.NaN, 0}));
        assertArrayEquals(ZERO, limiter.output(), "the last good command is dropped, not replayed");
        assertArrayEquals(ZERO, limiter.command(new float[] {0, Float.POSITIVE_INFINITY}));
        assertArrayEquals(ZERO, limiter.command(new float[] {Float.NEGATIVE_INFINITY, 0}));
        assertEquals(3, limiter.counters().nonFinite());
        assertEquals(1, limiter.counters().accepted());
    }

    @Test
    void slewLimitsTheChangeAgainstTheLastOutput() {
        SafetyLimiter limiter = limiter(SafetyLimits.of(spec).withMaxStep(0.25f));
        assertArrayEquals(new float[] {0.25f, -0.25f}, limiter.command(new float[] {1, -1}));
        assertArrayEquals(new float[] {0.5f, -0.5f}, limiter.command(new float[] {1, -1}));
        assertArrayEquals(new float[] {0.6f, -0.4f}, limiter.command(new float[] {0.6f, -0.4f}), 1e-6f);
        assertEquals(2, limiter.counters().slewLimited());
    }

    @Test
    void holdNowHoldsAtOnceAndTheNextCommandSlewsFromTheHold() {
        SafetyLimiter limiter = limiter(SafetyLimits.of(spec).withMaxStep(0.25f));
        limiter.command(new float[] {0.25f, 0.25f});
        assertArrayEquals(ZERO, limiter.holdNow());
        assertArrayEquals(ZERO, limiter.output(), "held before the watchdog period");
        assertTrue(limiter.isHolding());
        assertFalse(limiter.isStale(), "an operator's hold is not a stale command");
        assertArrayEquals(new float[] {0.25f, 0.25f}, limiter.command(new float[] {1, 1}), "slewed from the hold");
    }

    @Test
    void clampingHappensBeforeTheSlewLimit() {
        SafetyLimiter limiter = limiter(SafetyLimits.of(spec).withMaxStep(0.75f));
        limiter.command(new float[] {0.75f, 0});
        assertArrayEquals(new float[] {1, 0}, limiter.command(new float[] {9, 0}), "clamped to 1, within one step");
    }

    @Test
    void watchdogHoldsOnceCommandsGoStaleAndCountsItOnce() {
        SafetyLimiter limiter = limiter(SafetyLimits.of(spec).withStaleAfter(Duration.ofMillis(500)));
        assertArrayEquals(ZERO, limiter.output(), "nothing commanded yet");
        assertTrue(limiter.isHolding());
        limiter.command(new float[] {0.5f, 1});
        assertFalse(limiter.isHolding());
        advanceMs(500);
        assertArrayEquals(new float[] {0.5f, 1}, limiter.output(), "exactly at the period it is still fresh");
        assertFalse(limiter.isStale());
        advanceMs(1);
        assertArrayEquals(ZERO, limiter.output());
        assertTrue(limiter.isStale());
        assertTrue(limiter.isHolding());
        advanceMs(1000);
        assertArrayEquals(ZERO, limiter.output());
        assertEquals(1, limiter.counters().staleEvents());
        limiter.command(new float[] {0.25f, 0});
        assertFalse(limiter.isStale());
        assertArrayEquals(new float[] {0.25f, 0}, limiter.output());
    }

    @Test
    void afterAWatchdogHoldTheSlewStartsFromTheHold() {
        SafetyLimiter limiter = limiter(SafetyLimits.of(spec).withMaxStep(0.25f));
        limiter.command(new float[] {0.25f, 0});
        limiter.command(new float[] {0.5f, 0});
        advanceMs(600);
        limiter.output();
        assertArrayEquals(new float[] {0.25f, 0}, limiter.command(new float[] {1, 0}));
    }

    @Test
    void eStopLatchesUntilAnExplicitResetAndThenWaitsForAFreshCommand() {
        SafetyLimiter limiter = limiter(SafetyLimits.of(spec));
        limiter.command(new float[] {0.5f, 0.5f});
        limiter.engageEStop("operator");
        assertTrue(limiter.isEStopped());
        assertArrayEquals(ZERO, limiter.output());
        assertArrayEquals(ZERO, limiter.command(new float[] {0.5f, 0.5f}));
        limiter.engageEStop("again");
        advanceMs(10_000);
        assertArrayEquals(ZERO, limiter.command(new float[] {0.5f, 0.5f}), "time does not release it");
        assertEquals(2, limiter.counters().blockedByStop());
        limiter.resetEStop();
        assertFalse(limiter.isEStopped());
        assertArrayEquals(ZERO, limiter.output(), "no command replayed after a release");
        assertArrayEquals(new float[] {0.5f, 0.5f}, limiter.command(new float[] {0.5f, 0.5f}));
    }

    @Test
    void stopHoldsForGood() {
        SafetyLimiter limiter = limiter(SafetyLimits.of(spec));
        limiter.command(new float[] {0.5f, 0.5f});
        assertArrayEquals(ZERO, limiter.stop());
        assertTrue(limiter.isStopped());
        assertArrayEquals(ZERO, limiter.command(new float[] {0.5f, 0.5f}));
        limiter.resetEStop();
        assertArrayEquals(ZERO, limiter.command(new float[] {0.5f, 0.5f}));
        assertArrayEquals(ZERO, limiter.output());
    }

    @Test
    void holdCommandIsConfigurable() {
        SafetyLimiter limiter = limiter(SafetyLimits.of(spec).withHold(new float[] {0, 2}));
        assertArrayEquals(new float[] {0, 2}, limiter.output());
        limiter.command(new float[] {0, Float.NaN});
        assertArrayEquals(new float[] {0, 2}, limiter.output());
    }

    @Test
    void wrongLengthIsRefused() {
        SafetyLimiter limiter = limiter(SafetyLimits.of(spec));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> limiter.command(new float[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("2 values, got 3"), e.getMessage());
    }

    @Test
    void invalidLimitsNameWhatIsWrong() {
        float[] inf = {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY};
        Duration period = Duration.ofMillis(500);
        assertMessage("maxStep must be > 0", () -> new SafetyLimits(new float[] {-1, -1}, new float[] {1, 1},
                new float[] {1, 0}, ZERO, period));
        assertMessage("hold command 3.0 lies outside", () -> new SafetyLimits(new float[] {-1, -1},
                new float[] {1, 1}, inf, new float[] {0, 3}, period));
        assertMessage("staleAfter must be positive", () -> new SafetyLimits(new float[] {-1, -1},
                new float[] {1, 1}, inf, ZERO, Duration.ZERO));
        assertMessage("low <= high", () -> new SafetyLimits(new float[] {-1, Float.NaN}, new float[] {1, 1}, inf,
                ZERO, period));
        assertMessage("equal, non-zero length", () -> new SafetyLimits(new float[] {-1}, new float[] {1, 1}, inf,
                ZERO, period));
    }

    private static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
