package dev.vla4j.sim;

/**
 * The Language-Table board in metres (specs/sim.md §1.3): x grows away from the robot's base (the image's rows,
 * "top" is small x), y grows to the right (the image's columns, "left" is negative y).
 */
public final class Board {
    /** Nearest row of the board to the robot's base. */
    public static final double X_MIN = 0.15;
    /** Farthest row of the board. */
    public static final double X_MAX = 0.60;
    /** Left edge. */
    public static final double Y_MIN = -0.3048;
    /** Right edge. */
    public static final double Y_MAX = 0.3048;
    /** Centre of the board, x. */
    public static final double CENTER_X = (X_MIN + X_MAX) / 2;
    /** Centre of the board, y. */
    public static final double CENTER_Y = 0.0;

    private Board() {
    }

    /** {@code v} limited to {@code [lo, hi]}. */
    public static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Whether (x, y) lies on the board shrunk by {@code margin} on every side. */
    public static boolean inside(double x, double y, double margin) {
        return x >= X_MIN + margin && x <= X_MAX - margin && y >= Y_MIN + margin && y <= Y_MAX - margin;
    }
}
