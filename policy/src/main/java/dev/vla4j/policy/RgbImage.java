package dev.vla4j.policy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * An 8-bit RGB image, row-major, 3 bytes per pixel ({@code rgb[(y * width + x) * 3 + c]}), with lossless PNG
 * encoding and decoding: {@code decodePng(encodePng())} gives back the same bytes.
 */
public record RgbImage(int width, int height, byte[] rgb) {

    public RgbImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (rgb == null || rgb.length != (long) width * height * 3) {
            throw new IllegalArgumentException("an RGB image of " + width + "x" + height + " needs "
                    + (long) width * height * 3 + " bytes, got " + (rgb == null ? "null" : rgb.length));
        }
    }

    /** Copies the pixels of any {@link BufferedImage} (alpha is dropped). */
    public static RgbImage of(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        byte[] rgb = new byte[argb.length * 3];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (byte) (argb[i] >> 16);
            rgb[3 * i + 1] = (byte) (argb[i] >> 8);
            rgb[3 * i + 2] = (byte) argb[i];
        }
        return new RgbImage(width, height, rgb);
    }

    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = new int[width * height];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (rgb[3 * i] & 0xFF) << 16 | (rgb[3 * i + 1] & 0xFF) << 8 | rgb[3 * i + 2] & 0xFF;
        }
        image.setRGB(0, 0, width, height, pixels, 0, width);
        return image;
    }

    /** A lossless 8-bit RGB PNG. */
    public byte[] encodePng() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rgb.length / 2 + 64);
        try {
            if (!ImageIO.write(toBufferedImage(), "png", out)) {
                throw new IllegalStateException("this JVM has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e);
        }
        return out.toByteArray();
    }

    /** Decodes PNG (or any format ImageIO reads) bytes; a corrupt image is an {@link IOException}. */
    public static RgbImage decodePng(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        if (image == null) {
            throw new IOException("not a readable image (" + png.length + " bytes)");
        }
        return of(image);
    }

    /**
     * The window {@code (x0, y0, cropW, cropH)} (pixels) resampled bilinearly back to this image's size, as
     * (height, width, 3) values in [0, 1].
     */
    public float[] resampledCrop(double x0, double y0, double cropW, double cropH) {
        float[] out = new float[width * height * 3];
        for (int y = 0; y < height; y++) {
            double sy = Math.min(height - 1, Math.max(0, y0 + (y + 0.5) * cropH / height - 0.5));
            int y1 = (int) sy;
            int y2 = Math.min(height - 1, y1 + 1);
            double fy = sy - y1;
            for (int x = 0; x < width; x++) {
                double sx = Math.min(width - 1, Math.max(0, x0 + (x + 0.5) * cropW / width - 0.5));
                int x1 = (int) sx;
                int x2 = Math.min(width - 1, x1 + 1);
                double fx = sx - x1;
                for (int c = 0; c < 3; c++) {
                    double top = (rgb[(y1 * width + x1) * 3 + c] & 0xFF) * (1 - fx)
                            + (rgb[(y1 * width + x2) * 3 + c] & 0xFF) * fx;
                    double bottom = (rgb[(y2 * width + x1) * 3 + c] & 0xFF) * (1 - fx)
                            + (rgb[(y2 * width + x2) * 3 + c] & 0xFF) * fx;
                    out[(y * width + x) * 3 + c] = (float) ((top * (1 - fy) + bottom * fy) / 255);
                }
            }
        }
        return out;
    }

    /**
     * The central square-ratio window keeping {@code area} of the image, resized back to this size (what a policy
     * trained on random crops of that area sees at run time; 1 returns this image).
     */
    public RgbImage centerCrop(double area) {
        if (!(area > 0 && area <= 1)) {
            throw new IllegalArgumentException("a centre crop keeps an area in (0, 1], got " + area);
        }
        if (area == 1) {
            return this;
        }
        double side = Math.sqrt(area);
        float[] pixels = resampledCrop(width * (1 - side) / 2, height * (1 - side) / 2, width * side, height * side);
        byte[] out = new byte[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            out[i] = (byte) Math.round(255 * pixels[i]);
        }
        return new RgbImage(width, height, out);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RgbImage image && image.width == width && image.height == height
                && Arrays.equals(image.rgb, rgb);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(rgb);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }
}
