package dev.vla4j.sim.tasks;

import java.util.List;

/**
 * Eight board directions. "Up" is towards the robot (−x) and "left" is −y, as in Language-Table where the board's
 * top left is (height 0, width 0). {@link #dx()}/{@link #dy()} are the raw ±1 components; {@link #unitX()} and
 * {@link #unitY()} are normalised.
 */
public enum Direction {
    UP(-1, 0, "up"), DOWN(1, 0, "down"), LEFT(0, -1, "left"), RIGHT(0, 1, "right"),
    UP_LEFT(-1, -1, "up left"), UP_RIGHT(-1, 1, "up right"),
    DOWN_LEFT(1, -1, "down left"), DOWN_RIGHT(1, 1, "down right");

    private final int dx;
    private final int dy;
    private final String words;

    Direction(int dx, int dy, String words) {
        this.dx = dx;
        this.dy = dy;
        this.words = words;
    }

    /** Raw x component (−1, 0 or 1). */
    public int dx() {
        return dx;
    }

    /** Raw y component (−1, 0 or 1). */
    public int dy() {
        return dy;
    }

    /** Whether this is one of the four diagonals. */
    public boolean diagonal() {
        return dx != 0 && dy != 0;
    }

    /** Normalised x component. */
    public double unitX() {
        return dx / Math.hypot(dx, dy);
    }

    /** Normalised y component. */
    public double unitY() {
        return dy / Math.hypot(dx, dy);
    }

    /** The cardinal parts in instruction order, e.g. ["up", "left"] (one element for cardinal directions). */
    public List<String> parts() {
        return List.of(words.split(" "));
    }
}
