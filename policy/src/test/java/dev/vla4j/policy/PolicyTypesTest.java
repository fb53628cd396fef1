package dev.vla4j.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyTypesTest {

    @Test
    void quantileNormalizationFollowsVlaAdapter() {
        QuantileNormalizer n = new QuantileNormalizer(new float[] {-1f, 0f, 2f}, new float[] {1f, 10f, 2f},
                new boolean[] {true, true, true});
        // 2(x - q01)/(q99 - q01) - 1, clipped; a constant dimension gives 0
        assertArrayEquals(new float[] {0.5f, 1f, 0f}, n.normalize(new float[] {0.5f, 25f, 7f}), 1e-6f);
        assertArrayEquals(new float[] {-1f, -0.8f, 0f}, n.normalize(new float[] {-3f, 1f, 2f}), 1e-6f);
        float[] x = {0.25f, 3f, 2f};
        assertArrayEquals(x, n.unnormalize(n.normalize(x)), 1e-5f);
    }

    @Test
    void maskedDimensionsPassThroughAndTheGripperIsBinarized() {
        QuantileNormalizer n = new QuantileNormalizer(new float[] {0f, 0f}, new float[] {2f, 1f}, new boolean[] {true, false});
        ActionSpace space = new ActionSpace(n, 1);
        assertArrayEquals(new float[] {0f, 0.7f}, space.normalize(new float[] {1f, 0.7f}), 1e-6f);
        assertArrayEquals(new float[] {1f, 1f}, space.toRobot(new float[] {0f, 0.51f}), 1e-6f);
        assertArrayEquals(new float[] {2f, 0f}, space.toRobot(new float[] {1f, 0.49f}), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> new ActionSpace(QuantileNormalizer.of(new float[2], new float[2]), 1));
        assertThrows(IllegalArgumentException.class, () -> new ActionSpace(n, 2));
    }

    @Test
    void badStatisticsAndBadValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> QuantileNormalizer.of(new float[] {1f}, new float[] {0f}));
        assertThrows(IllegalArgumentException.class, () -> QuantileNormalizer.of(new float[] {Float.NaN}, new float[] {0f}));
        assertThrows(IllegalArgumentException.class, () -> QuantileNormalizer.of(new float[2], new float[3]));
        QuantileNormalizer n = QuantileNormalizer.of(new float[] {0f}, new float[] {1f});
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> n.normalize(new float[] {Float.NaN}));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> n.unnormalize(new float[2]));
    }

    @Test
    void observationsAndChunksRefuseNonFiniteValuesAndCopyTheirInputs() {
        RgbImage image = new RgbImage(2, 1, new byte[6]);
        float[] state = {1f, 2f};
        Observation observation = new Observation(Map.of("top", image), state, "push the red block left");
        state[0] = 99f;
        assertEquals(1f, observation.state()[0]);
        assertThrows(IllegalArgumentException.class, () -> new Observation(Map.of("top", image), new float[] {Float.NaN}, ""));
        assertThrows(IllegalArgumentException.class, () -> new Observation(Map.of(), new float[0], ""));
        assertThrows(IllegalArgumentException.class, () -> new ActionChunk(new float[][] {{0f}, {Float.POSITIVE_INFINITY}}));
        assertThrows(IllegalArgumentException.class, () -> new ActionChunk(new float[][] {{0f}, {0f, 1f}}));
        assertThrows(IllegalArgumentException.class, () -> new RgbImage(2, 2, new byte[5]));
        ActionChunk chunk = new ActionChunk(new float[][] {{1f, 2f}, {3f, 4f}});
        assertEquals(2, chunk.horizon());
        assertArrayEquals(new float[] {3f, 4f}, chunk.action(1));
    }

    @Test
    void imagesRoundTripThroughBufferedImage() {
        BufferedImage buffered = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        buffered.setRGB(2, 1, 0x123456);
        RgbImage image = RgbImage.of(buffered);
        assertEquals(0x12, image.rgb()[(1 * 3 + 2) * 3] & 0xFF);
        assertEquals(0x56, image.rgb()[(1 * 3 + 2) * 3 + 2] & 0xFF);
        assertEquals(0x123456, image.toBufferedImage().getRGB(2, 1) & 0xFFFFFF);
    }

    @Test
    void aCentreCropKeepsTheMiddleAtFullSize() {
        byte[] rgb = new byte[4 * 4 * 3]; // a horizontal ramp 0, 40, 80, 120: bilinear resampling is exact on it
        for (int p = 0; p < 16; p++) {
            java.util.Arrays.fill(rgb, p * 3, p * 3 + 3, (byte) (40 * (p % 4)));
        }
        RgbImage image = new RgbImage(4, 4, rgb);
        assertSame(image, image.centerCrop(1));
        RgbImage middle = image.centerCrop(0.25); // columns 1..3 (2 px wide from x = 1) stretched over 4 px
        int[] expected = {30, 50, 70, 90};        // the ramp at x = 0.75, 1.25, 1.75, 2.25
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertEquals(expected[x], middle.rgb()[(y * 4 + x) * 3 + 1] & 0xFF, "pixel " + x + "," + y);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> image.centerCrop(0));
        assertThrows(IllegalArgumentException.class, () -> image.centerCrop(1.5));
    }
}
