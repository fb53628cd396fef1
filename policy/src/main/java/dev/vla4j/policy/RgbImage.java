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
