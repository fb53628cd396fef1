package dev.vla4j.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ToleranceTest {

    @Test
    void valuesWithinTheBandPass() {
        Tolerance.assertClose("ok", new float[] {1.00019f, -0.00009f, 100.0100f}, new float[] {1f, 0f, 100f}, 3);
    }

    @Test
    void theWorstOutlierIsNamedWithItsIndex() {
        AssertionError e = assertThrows(AssertionError.class, () -> Tolerance.assertClose("logits",
                new float[] {0f, 0.01f, 0.5f, 0f}, new float[] {0f, 0f, 0f, 0f}, 2, 2));
        assertTrue(e.getMessage().contains("logits: element [1, 0] (flat 2) is 0.5"), e.getMessage());
    }

    @Test
    void nanNeverPasses() {
        assertThrows(AssertionError.class,
                () -> Tolerance.assertClose("nan", new float[] {Float.NaN}, new float[] {1f}, 1));
    }

    @Test
    void lengthMismatchFails() {
        assertThrows(AssertionError.class, () -> Tolerance.assertClose("len", new float[2], new float[3], 3));
    }
}
