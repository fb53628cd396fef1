package dev.vla4j.perception.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vla4j.perception.engine.HostArrays;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * FastVLM's {@code process_images} with {@code image_aspect_ratio = "pad"} (spec {@code fastvlm.md} §2):
 * RGB → pad to a square with the mean colour (black for FastVLM), pasted centred at
 * {@code ((S'−w)/2, (S'−h)/2)} → Pillow-exact bicubic resize to S×S (antialiased when shrinking; skipped when
 * already S×S) → ×1/255 → {@code (x − mean)/std} (mean 0, std 1 for FastVLM) → a (1, 3, S, S) float32 tensor.
 * The upstream cast to fp16 is not reproduced: the encoder runs in float32.
 */
public final class ImagePreprocessor {
    private final int size;
    private final float[] mean;
    private final float[] std;

    /** FastVLM's processor for S×S inputs (mean 0, std 1). */
    public ImagePreprocessor(int size) {
        this(size, new float[] {0f, 0f, 0f}, new float[] {1f, 1f, 1f});
    }

    /** A CLIP-style processor with another per-channel mean and std (mean also sets the padding colour). */
    public ImagePreprocessor(int size, float[] mean, float[] std) {
        if (size <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + size);
        }
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 values (R, G, B), got " + Arrays.toString(mean)
                    + " and " + Arrays.toString(std));
        }
        for (int c = 0; c < 3; c++) {
            if (!(std[c] > 0) || !(mean[c] >= 0 && mean[c] <= 1)) {
                throw new IllegalArgumentException("std must be positive and mean in [0, 1], got mean "
                        + Arrays.toString(mean) + ", std " + Arrays.toString(std));
            }
        }
        this.size = size;
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** The processor for a FastVLM {@code mm_vision_tower} name: the size is the suffix after the last '_'. */
    public static ImagePreprocessor forVisionTower(String towerName) {
        String suffix = towerName == null ? "" : towerName.substring(towerName.lastIndexOf('_') + 1);
        try {
            return new ImagePreprocessor(Integer.parseInt(suffix));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("vision tower name '" + towerName
                    + "' does not end in _<image size>, e.g. mobileclip_l_1024");
        }
    }

    public int size() {
        return size;
    }

    /** Preprocesses a decoded image; grey images are replicated to RGB and alpha is dropped, as Pillow's convert. */
    public NDArray process(BufferedImage image, NDManager manager) {
        if (image == null) {
            throw new IllegalArgumentException("image is null");
        }
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] rgb = new byte[width * height * 3];
        boolean grey = image.getType() == BufferedImage.TYPE_BYTE_GRAY;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                if (grey) { // getRGB would apply a linear-grey→sRGB curve; Pillow replicates the byte
                    byte value = (byte) image.getRaster().getSample(x, y, 0);
                    rgb[i] = value;
                    rgb[i + 1] = value;
                    rgb[i + 2] = value;
                } else {
                    int argb = image.getRGB(x, y);
                    rgb[i] = (byte) (argb >> 16);
                    rgb[i + 1] = (byte) (argb >> 8);
                    rgb[i + 2] = (byte) argb;
                }
            }
        }
        return process(rgb, width, height, manager);
    }

    /**
     * Preprocesses raw 8-bit RGB, interleaved row-major ({@code rgb[(y·width + x)·3 + c]}).
     *
     * @return (1, 3, S, S) float32 in {@code manager}
     */
    public NDArray process(byte[] rgb, int width, int height, NDManager manager) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image must be at least 1×1, got " + width + "×" + height);
        }
        if (rgb == null || rgb.length != (long) width * height * 3) {
            throw new IllegalArgumentException("expected " + (long) width * height * 3 + " bytes of RGB for "
                    + width + "×" + height + ", got " + (rgb == null ? "null" : rgb.length));
        }
        int side = Math.max(width, height);
        byte[] square = expandToSquare(rgb, width, height);
        byte[] resized = side == size ? square : PilBicubic.resize(square, side, side, size, size);
        float[] chw = new float[3 * size * size];
        int plane = size * size;
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < 3; c++) {
                float scaled = (float) ((resized[p * 3 + c] & 0xFF) * (1.0 / 255.0));
                chw[c * plane + p] = (scaled - mean[c]) / std[c];
            }
        }
        return HostArrays.of(manager, chw, new Shape(1, 3, size, size));
    }

    /** LLaVA's {@code expand2square}: a max(w,h)² canvas of {@code int(mean·255)} with the image pasted centred. */
    byte[] expandToSquare(byte[] rgb, int width, int height) {
        if (width == height) {
            return rgb;
        }
        int side = Math.max(width, height);
        byte[] canvas = new byte[side * side * 3];
        for (int p = 0; p < side * side; p++) {
            for (int c = 0; c < 3; c++) {
                canvas[p * 3 + c] = (byte) (int) (mean[c] * 255);
            }
        }
        int left = (side - width) / 2;
        int top = (side - height) / 2;
        for (int y = 0; y < height; y++) {
            System.arraycopy(rgb, y * width * 3, canvas, ((top + y) * side + left) * 3, width * 3);
        }
        return canvas;
    }
}
