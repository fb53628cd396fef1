package dev.vla4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vla4j.policy.Observation;
import dev.vla4j.policy.RgbImage;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AblationTest {
    private static Observation observation(float blockX) {
        return new Observation(Map.of("top", new RgbImage(1, 1, new byte[3])), new float[] {0.3f, 0.1f},
                "push the red moon to the left", new float[] {blockX, -0.1f, 0.2f, 0.2f, 0.25f, 0.15f});
    }

    @Test
    void noneChangesNothingAndTheLanguageAblationBlanksOnlyTheInstruction() {
        Observation seen = observation(0.4f);
        Observation same = Ablation.NONE.apply(seen);
        assertEquals(seen.instruction(), same.instruction());
        assertArrayEquals(seen.environmentState(), same.environmentState());
        Observation blank = new Ablation(true, 0).apply(seen);
        assertEquals("", blank.instruction());
        assertArrayEquals(seen.environmentState(), blank.environmentState());
        assertSame(seen.images().get("top"), blank.images().get("top"));
    }

    @Test
    void privilegedNoiseHasTheAskedSpreadAndIsTheSameForTheSameObservation() {
        Ablation noise = new Ablation(false, 0.02);
        double sum = 0;
        double squares = 0;
        int n = 0;
        for (int i = 0; i < 2000; i++) {
            Observation seen = observation(0.3f + i * 1e-4f);
            float[] noisy = noise.apply(seen).environmentState();
            assertArrayEquals(noisy, noise.apply(seen).environmentState(), "reproducible whatever the batching");
            for (int k = 0; k < noisy.length; k++) {
                double d = noisy[k] - seen.environmentState()[k];
                sum += d;
                squares += d * d;
                n++;
            }
        }
        double mean = sum / n;
        assertEquals(0, mean, 0.002, "unbiased");
        assertEquals(0.02, Math.sqrt(squares / n - mean * mean), 0.001, "12,000 draws of σ = 0.02");
        assertEquals("p (privileged state ± 0.0200)", noise.describe("p"));
        assertEquals("p (instruction blanked, privileged state ± 0.0200)", new Ablation(true, 0.02).describe("p"));
        assertEquals("p", Ablation.NONE.describe("p"));
    }

    @Test
    void aNegativeOrInfiniteSpreadIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Ablation(false, -0.01));
        assertThrows(IllegalArgumentException.class, () -> new Ablation(false, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new Ablation(false, Double.NaN));
    }
}
