package dev.vla4j.nodes.web;

/**
 * The operator's teleop command: a velocity in the camera image's frame, {@code right} and {@code up}, each a
 * fraction of the top speed in [-1, 1], and the planar action it makes for a robot whose camera looks down on
 * the table with image up = −x and image right = +y (the simulator's top camera).
 */
public record PlanarDrive(double right, double up) {
    /** No motion. */
    public static final PlanarDrive STILL = new PlanarDrive(0, 0);

    public PlanarDrive {
        if (!(Math.abs(right) <= 1 && Math.abs(up) <= 1)) {
            throw new IllegalArgumentException("teleop velocity must be within [-1, 1], got right=" + right
                    + " up=" + up);
        }
    }

    /**
     * The displacement action {dx, dy} for one control step, metres, at {@code metersPerStep} for a full command
     * (the top speed, m/s, times the control period, s).
     */
    public float[] action(double metersPerStep) {
        return new float[] {(float) (0.0 - up * metersPerStep), (float) (right * metersPerStep)}; // 0.0 - x: no -0
    }
}
