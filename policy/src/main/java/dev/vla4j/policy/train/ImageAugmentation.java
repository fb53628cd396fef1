package dev.vla4j.policy.train;

import dev.vla4j.policy.RgbImage;
import java.util.SplittableRandom;

/**
 * VLA-Adapter's training augmentation (specs/vla-adapter.md §2): a random crop keeping {@code cropArea} of the
 * image (square, ratio 1) resized back bilinearly, then brightness ±{@code brightness}, contrast and saturation in
 * [1 − c, 1 + c], and a hue shift of ±{@code hue} turns, in random order-free form (brightness, contrast,
 * saturation, hue). Every draw comes from the caller's random stream, so a sample's augmentation is reproducible.
 */
public record ImageAugmentation(double cropArea, double brightness, double contrast, double saturation, double hue) {
    public ImageAugmentation {
        if (!(cropArea > 0 && cropArea <= 1) || brightness < 0 || contrast < 0 || contrast >= 1 || saturation < 0
                || saturation >= 1 || hue < 0 || hue > 0.5) {
            throw new IllegalArgumentException("augmentation needs 0 < crop area <= 1, brightness >= 0, "
                    + "0 <= contrast, saturation < 1 and 0 <= hue <= 0.5; got " + this);
        }
    }

    /** The recipe of the VLA-Adapter/OpenVLA data pipeline: area 0.9, brightness 0.2, contrast/saturation 0.2, hue 0.05. */
    public static ImageAugmentation vlaAdapter() {
        return new ImageAugmentation(0.9, 0.2, 0.2, 0.2, 0.05);
    }

    /** The same jitter with another crop area (1: no crop). */
    public ImageAugmentation withCropArea(double area) {
        return new ImageAugmentation(area, brightness, contrast, saturation, hue);
    }

    public RgbImage apply(RgbImage image, SplittableRandom random) {
        int w = image.width();
        int h = image.height();
        double side = Math.sqrt(cropArea);
        double cropW = w * side;
        double cropH = h * side;
        double x0 = random.nextDouble() * (w - cropW);
        double y0 = random.nextDouble() * (h - cropH);
        float brightnessShift = (float) ((random.nextDouble() * 2 - 1) * brightness);
        float contrastFactor = (float) (1 + (random.nextDouble() * 2 - 1) * contrast);
        float saturationFactor = (float) (1 + (random.nextDouble() * 2 - 1) * saturation);
        double hueShift = (random.nextDouble() * 2 - 1) * hue;
        float[] pixels = image.resampledCrop(x0, y0, cropW, cropH);
        double mean = 0;
        for (float v : pixels) {
            mean += v;
        }
        mean /= pixels.length;
        byte[] out = new byte[pixels.length];
        float[] rgb = new float[3];
        for (int p = 0; p < w * h; p++) {
            for (int c = 0; c < 3; c++) {
                float v = pixels[p * 3 + c] + brightnessShift;
                rgb[c] = (float) ((v - mean) * contrastFactor + mean);
            }
            float grey = 0.299f * rgb[0] + 0.587f * rgb[1] + 0.114f * rgb[2];
            for (int c = 0; c < 3; c++) {
                rgb[c] = grey + (rgb[c] - grey) * saturationFactor;
            }
            rotateHue(rgb, hueShift);
            for (int c = 0; c < 3; c++) {
                out[p * 3 + c] = (byte) Math.round(255 * Math.max(0f, Math.min(1f, rgb[c])));
            }
        }
        return new RgbImage(w, h, out);
    }

    /** Rotates the colour around the grey axis by {@code turns} of a full circle (a YIQ-space hue rotation). */
    private static void rotateHue(float[] rgb, double turns) {
        if (turns == 0) {
            return;
        }
        double angle = 2 * Math.PI * turns;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double y = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
        double i = 0.596 * rgb[0] - 0.274 * rgb[1] - 0.322 * rgb[2];
        double q = 0.211 * rgb[0] - 0.523 * rgb[1] + 0.312 * rgb[2];
        double i2 = i * cos - q * sin;
        double q2 = i * sin + q * cos;
        rgb[0] = (float) (y + 0.956 * i2 + 0.621 * q2);
        rgb[1] = (float) (y - 0.272 * i2 - 0.647 * q2);
        rgb[2] = (float) (y - 1.106 * i2 + 1.703 * q2);
    }
}
