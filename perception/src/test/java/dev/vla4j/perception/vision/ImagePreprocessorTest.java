package dev.vla4j.perception.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pad-to-square, Pillow bicubic and scaling on tiny synthetic images, against values worked out by hand. */
class ImagePreprocessorTest {
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = Engine.getInstance().newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void aSquareImageOfTheTargetSizeIsOnlyScaledAndLaidOutChannelFirst() {
        // 2×2 RGB: pixel (x, y) has R = 10·(2y+x), G = 100 + R, B = 255 − R.
        byte[] rgb = new byte[12];
        for (int p = 0; p < 4; p++) {
            rgb[p * 3] = (byte) (10 * p);
            rgb[p * 3 + 1] = (byte) (100 + 10 * p);
            rgb[p * 3 + 2] = (byte) (255 - 10 * p);
        }
        NDArray tensor = new ImagePreprocessor(2).process(rgb, 2, 2, manager);
        assertEquals(new Shape(1, 3, 2, 2), tensor.getShape());
        float[] expected = {0, 10, 20, 30, 100, 110, 120, 130, 255, 245, 235, 225};
        for (int i = 0; i < expected.length; i++) {
            expected[i] /= 255f;
        }
        assertArrayEquals(expected, tensor.toFloatArray(), 1e-7f);
    }

    @Test
    void wideAndTallImagesArePaddedCentredWithBlack() {
        ImagePreprocessor processor = new ImagePreprocessor(3);
        // 3×1 → 3×3 canvas, pasted at (0, (3−1)/2 = 1): only the middle row is non-zero.
        byte[] wide = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        byte[] square = processor.expandToSquare(wide, 3, 1);
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                square);
        // 2×5 → 5×5 canvas, pasted at ((5−2)/2 = 1, 0): columns 1 and 2 of every row.
        byte[] tall = new byte[2 * 5 * 3];
        java.util.Arrays.fill(tall, (byte) 200);
        byte[] padded = new ImagePreprocessor(5).expandToSquare(tall, 2, 5);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                int expected = x == 1 || x == 2 ? 200 : 0;
                assertEquals(expected, padded[(y * 5 + x) * 3] & 0xFF, "pixel " + x + "," + y);
            }
        }
        // The whole pipeline on the wide image: the canvas is already 3×3, so it is only scaled.
        float[] values = processor.process(wide, 3, 1, manager).toFloatArray();
        assertEquals(0f, values[0]);
        assertEquals(1 / 255f, values[3], 1e-7f); // R of pixel (0, 1)
        assertEquals(8 / 255f, values[9 + 5], 1e-7f); // G of pixel (2, 1)
    }

    @Test
    void upscalingMatchesPillowBicubicWorkedByHand() {
        // A 2×1 row [0, 255] resized to 4 wide (scale 0.5, support 2, no antialias widening).
        // Output 1: centre 0.75, taps x=0,1 at distances 0.25 and 0.75: cubic(0.25) = 0.8671875,
        // cubic(0.75) = 0.2265625; normalised 255·0.2265625/1.09375 = 52.82 → 53. Output 0 takes −0.088·255 → 0.
        byte[] row = {0, 0, 0, (byte) 255, (byte) 255, (byte) 255};
        assertRow(new int[] {0, 53, 202, 255}, PilBicubic.resize(row, 2, 1, 4, 1));
        // The same along y: a 1×2 column.
        assertRow(new int[] {0, 53, 202, 255}, PilBicubic.resize(row, 1, 2, 1, 4));
    }

    @Test
    void downscalingWidensTheFilterLikePillow() {
        // [0, 0, 255, 255] → 2 wide: scale 2 widens the support to 4 and halves the distances. Output 0 (centre 1.0)
        // weighs x = 0..3 by cubic(0.25), cubic(0.25), cubic(0.75), cubic(1.25) = 0.8671875, 0.8671875,
        // 0.2265625, −0.0703125 (sum 1.890625): 255·0.15625/1.890625 = 21.07 → 21; output 1 mirrors it, 233.9 → 234.
        byte[] row = new byte[12];
        for (int i = 6; i < 12; i++) {
            row[i] = (byte) 255;
        }
        assertRow(new int[] {21, 234}, PilBicubic.resize(row, 4, 1, 2, 1));
    }

    @Test
    void aFlatImageStaysFlatAtAnySize() {
        byte[] flat = new byte[7 * 5 * 3];
        for (int p = 0; p < 7 * 5; p++) {
            flat[p * 3] = (byte) 17;
            flat[p * 3 + 1] = (byte) 128;
            flat[p * 3 + 2] = (byte) 250;
        }
        // 7×5 is padded to 7×7 with black rows at the top and bottom; the middle row of a 16×16 result is flat.
        float[] values = new ImagePreprocessor(16).process(flat, 7, 5, manager).toFloatArray();
        int middle = 8 * 16;
        for (int x = 0; x < 16; x++) {
            assertEquals(17 / 255f, values[middle + x], 1e-7f, "R at x=" + x);
            assertEquals(128 / 255f, values[256 + middle + x], 1e-7f, "G at x=" + x);
            assertEquals(250 / 255f, values[512 + middle + x], 1e-7f, "B at x=" + x);
        }
    }

    @Test
    void bufferedImagesAreReadAsRgbAndGreyIsReplicated() {
        BufferedImage colour = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        colour.setRGB(1, 0, 0x80FF4000); // half-transparent orange: alpha is dropped, not composited
        float[] values = new ImagePreprocessor(2).process(colour, manager).toFloatArray();
        assertEquals(1f, values[1]);
        assertEquals(64 / 255f, values[4 + 1], 1e-7f);
        assertEquals(0f, values[8 + 1]);
        BufferedImage grey = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 1, 0, 100);
        float[] greys = new ImagePreprocessor(2).process(grey, manager).toFloatArray();
        for (int c = 0; c < 3; c++) {
            assertEquals(100 / 255f, greys[c * 4 + 2], 1e-7f, "channel " + c);
        }
    }

    @Test
    void theSizeComesFromTheTowerName() {
        assertEquals(1024, ImagePreprocessor.forVisionTower("mobileclip_l_1024").size());
        assertMessage(() -> ImagePreprocessor.forVisionTower("mobileclip_l"), "does not end in _<image size>");
    }

    @Test
    void badImagesAreRefused() {
        ImagePreprocessor processor = new ImagePreprocessor(4);
        assertMessage(() -> processor.process(new byte[11], 2, 2, manager), "expected 12 bytes of RGB for 2×2, got 11");
        assertMessage(() -> processor.process(new byte[0], 0, 3, manager), "at least 1×1");
        assertMessage(() -> processor.process((BufferedImage) null, manager), "image is null");
        assertMessage(() -> new ImagePreprocessor(0), "size must be positive");
        assertMessage(() -> new ImagePreprocessor(4, new float[] {0, 0}, new float[] {1, 1, 1}), "3 values");
        assertMessage(() -> new ImagePreprocessor(4, new float[] {0, 0, 0}, new float[] {1, 0, 1}), "std must be positive");
    }

    private static void assertRow(int[] expected, byte[] rgb) {
        assertEquals(expected.length * 3, rgb.length);
        for (int i = 0; i < expected.length; i++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(expected[i], rgb[i * 3 + c] & 0xFF, "pixel " + i + " channel " + c);
            }
        }
    }

    private static void assertMessage(Runnable action, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' not in: " + e.getMessage());
    }
}
