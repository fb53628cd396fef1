package dev.vla4j.sim.render;

/**
 * Top-down camera extrinsics relative to the nominal view: a shift of the view centre in metres (board frame), a
 * rotation about the image centre in radians and a zoom factor. {@link #NOMINAL} is the held-in camera.
 */
public record Camera(double shiftX, double shiftY, double rotation, double zoom) {
    /** The camera looking straight down on the board centre, 0.64 m across. */
    public static final Camera NOMINAL = new Camera(0, 0, 0, 1);

    /** Validates the jitter: at most 5 cm shift, 10° rotation, zoom within [0.8, 1.25]. */
    public Camera {
        if (!(Math.abs(shiftX) <= 0.05 && Math.abs(shiftY) <= 0.05)) {
            throw new IllegalArgumentException("camera shift must be within ±0.05 m, got " + shiftX + ", " + shiftY);
        }
        if (!(Math.abs(rotation) <= Math.toRadians(10))) {
            throw new IllegalArgumentException("camera rotation must be within ±10°, got " + rotation + " rad");
        }
        if (!(zoom >= 0.8 && zoom <= 1.25)) {
            throw new IllegalArgumentException("camera zoom must be within [0.8, 1.25], got " + zoom);
        }
    }
}
