package dev.vla4j.sim;

import dev.vla4j.sim.render.Camera;
import dev.vla4j.sim.render.Palette;
import java.awt.Color;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Per-episode nuisance values (specs/sim.md §5.4): camera jitter (±2 cm, ±2°, ±4% zoom), a lighting gain of ±20%
 * on every colour, per-colour hue/saturation/value jitter, a table tint and per-block friction scales in
 * [0.7, 1.3]. {@link #NONE} is the held-in setting.
 */
public record Perturbation(Camera camera, Palette palette, double[] frictionScales) {
    /** Nominal everything; friction scales default to 1 for any number of blocks. */
    public static final Perturbation NONE = new Perturbation(Camera.NOMINAL, Palette.NOMINAL, new double[0]);

    /** Copies the array. */
    public Perturbation {
        frictionScales = frictionScales.clone();
    }

    /** Friction scale of block {@code i} (1 when not perturbed). */
    public double friction(int i) {
        return i < frictionScales.length ? frictionScales[i] : 1.0;
    }

    @Override
    public double[] frictionScales() {
        return frictionScales.clone();
    }

    /** Draws a perturbation for {@code blocks} blocks. */
    public static Perturbation draw(SplittableRandom rng, int blocks) {
        Camera camera = new Camera(uniform(rng, 0.02), uniform(rng, 0.02), Math.toRadians(uniform(rng, 2)),
                1 + uniform(rng, 0.04));
        float gain = (float) (1 + uniform(rng, 0.2));
        Palette n = Palette.NOMINAL;
        int[] colours = n.blocks();
        for (int i = 0; i < colours.length; i++) {
            float[] hsv = Color.RGBtoHSB(colours[i] >> 16 & 255, colours[i] >> 8 & 255, colours[i] & 255, null);
            float h = hsv[0] + (float) uniform(rng, 0.02);
            float sat = clamp01(hsv[1] * (float) (1 + uniform(rng, 0.15)));
            float val = clamp01(hsv[2] * (float) (1 + uniform(rng, 0.1)) * gain);
            colours[i] = Color.HSBtoRGB(h - (float) Math.floor(h), sat, val) & 0xFFFFFF;
        }
        int tint = scale(n.table(), gain, (int) uniform(rng, 16), (int) uniform(rng, 16), (int) uniform(rng, 16));
        Palette palette = new Palette(tint, scale(n.floor(), gain, 0, 0, 0), scale(n.pusher(), gain, 0, 0, 0), colours);
        double[] friction = new double[blocks];
        Arrays.setAll(friction, i -> 1 + uniform(rng, 0.3));
        return new Perturbation(camera, palette, friction);
    }

    private static double uniform(SplittableRandom rng, double halfWidth) {
        return (2 * rng.nextDouble() - 1) * halfWidth;
    }

    private static float clamp01(float v) {
        return Math.max(0f, Math.min(1f, v));
    }

    private static int scale(int rgb, float gain, int dr, int dg, int db) {
        int r = channel((rgb >> 16 & 255) * gain + dr);
        int g = channel((rgb >> 8 & 255) * gain + dg);
        int b = channel((rgb & 255) * gain + db);
        return r << 16 | g << 8 | b;
    }

    private static int channel(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Perturbation p && p.camera.equals(camera) && p.palette.equals(palette)
                && Arrays.equals(p.frictionScales, frictionScales);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * camera.hashCode() + palette.hashCode()) + Arrays.hashCode(frictionScales);
    }

    @Override
    public String toString() {
        return "Perturbation[" + camera + ", " + palette + ", friction=" + Arrays.toString(frictionScales) + "]";
    }
}
