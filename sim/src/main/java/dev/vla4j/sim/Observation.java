package dev.vla4j.sim;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * What a policy sees after reset or a step.
 *
 * @param rgb         top-down camera image, RGB bytes in row-major (height, width, 3) order
 * @param width       image width, px
 * @param height      image height, px
 * @param proprio     {@link #EE_X}, {@link #EE_Y} (end-effector position, m) then {@link #EE_VX}, {@link #EE_VY}
 *                    (its velocity over the last step, m/s; 0 after reset)
 * @param instruction the current natural-language instruction
 */
public record Observation(byte[] rgb, int width, int height, float[] proprio, String instruction) {
    /** Index of the end effector's x in {@link #proprio()}. */
    public static final int EE_X = 0;
    /** Index of the end effector's y. */
    public static final int EE_Y = 1;
    /** Index of the end effector's x velocity. */
    public static final int EE_VX = 2;
    /** Index of the end effector's y velocity. */
    public static final int EE_VY = 3;
    /** Length of {@link #proprio()}. */
    public static final int PROPRIO_DIM = 4;

    /** Validates the shapes. */
    public Observation {
        if (rgb.length != width * height * 3 || proprio.length != PROPRIO_DIM || instruction == null) {
            throw new IllegalArgumentException("observation of " + rgb.length + " bytes for " + width + "×"
                    + height + " RGB, proprio of " + proprio.length + " (want " + PROPRIO_DIM + ")");
        }
    }

    /** A copy of the image as a {@link BufferedImage#TYPE_3BYTE_BGR} image. */
    public BufferedImage toImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        return img;
    }

    /** Colour of pixel (column, row) as 0xRRGGBB. */
    public int pixel(int column, int row) {
        int i = (row * width + column) * 3;
        return (rgb[i] & 255) << 16 | (rgb[i + 1] & 255) << 8 | (rgb[i + 2] & 255);
    }
}
