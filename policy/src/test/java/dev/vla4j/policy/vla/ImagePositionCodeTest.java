package dev.vla4j.policy.vla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImagePositionCodeTest {
    @Test
    void theFirstCellIsSinesOfZeroAndEveryCellHasItsOwnCode() {
        int grid = 8;
        int dim = 16;
        float[] codes = ImagePositionCode.table(grid, dim);
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1}, Arrays.copyOf(codes, dim), 0f);
        assertEquals((float) Math.sin(3), codes[(3 * grid + 5) * dim], 1e-7f, "row 3's fastest sine");
        assertEquals((float) Math.sin(5), codes[(3 * grid + 5) * dim + 8], 1e-7f, "column 5's fastest sine");
        double closest = Double.POSITIVE_INFINITY;
        for (int a = 0; a < grid * grid; a++) {
            for (int b = a + 1; b < grid * grid; b++) {
                double d = 0;
                for (int k = 0; k < dim; k++) {
                    double diff = codes[a * dim + k] - codes[b * dim + k];
                    d += diff * diff;
                }
                closest = Math.min(closest, Math.sqrt(d));
            }
        }
        assertTrue(closest > 0.1, "the closest two cells differ by " + closest);
    }

    @Test
    void aWidthNotDivisibleByFourIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ImagePositionCode.table(8, 30));
    }

    @Test
    void theSwitchTravelsInThePolicyConfigAndIsOffByDefault() {
        VlaConfig plain = VlaConfig.small(2, 4);
        VlaConfig positioned = plain.withImagePositions(true);
        assertEquals(false, plain.imagePositions());
        assertEquals(positioned, VlaConfig.fromJson(positioned.toJson()));
        assertEquals(plain, VlaConfig.fromJson(plain.toJson()));
    }
}
