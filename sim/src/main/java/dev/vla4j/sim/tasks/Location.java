package dev.vla4j.sim.tasks;

import dev.vla4j.sim.Board;
import java.util.List;

/**
 * Language-Table's nine absolute board locations (block2absolutelocation): the board's corners, edge midpoints and
 * centre, with the x range shifted 2.5 cm towards the robot as in the reference. Success radius 0.115 m, 0.10 m
 * for the centre. Each has held-in synonyms (the reference's) and held-out paraphrases.
 */
public enum Location {
    TOP(nearX(), Board.CENTER_Y, List.of("top side", "top", "towards your base"), List.of("upper edge", "top edge")),
    TOP_LEFT(nearX(), Board.Y_MIN, List.of("top left of the board", "top left", "upper left corner",
            "top left corner"), List.of("upper left area", "top left region")),
    TOP_RIGHT(nearX(), Board.Y_MAX, List.of("top right of the board", "top right", "upper right corner",
            "top right corner"), List.of("upper right area", "top right region")),
    CENTER(midX(), Board.CENTER_Y, List.of("middle of the board", "center of the board", "center", "middle"),
            List.of("centre of the table", "middle of the table")),
    CENTER_LEFT(midX(), Board.Y_MIN, List.of("left side of the board", "center left", "left side"),
            List.of("left edge", "left half")),
    CENTER_RIGHT(midX(), Board.Y_MAX, List.of("right side of the board", "center right", "right side"),
            List.of("right edge", "right half")),
    BOTTOM(farX(), Board.CENTER_Y, List.of("bottom side", "bottom"), List.of("lower edge", "far edge")),
    BOTTOM_LEFT(farX(), Board.Y_MIN, List.of("bottom left of the board", "bottom left", "lower left corner",
            "bottom left corner"), List.of("lower left area", "bottom left region")),
    BOTTOM_RIGHT(farX(), Board.Y_MAX, List.of("bottom right of the board", "bottom right", "lower right corner",
            "bottom right corner"), List.of("lower right area", "bottom right region"));

    /** The four corners. */
    public static final List<Location> CORNERS = List.of(TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT);
    /** The four edge midpoints. */
    public static final List<Location> SIDES = List.of(TOP, BOTTOM, CENTER_LEFT, CENTER_RIGHT);

    private final double x;
    private final double y;
    private final List<String> heldIn;
    private final List<String> heldOut;

    Location(double x, double y, List<String> heldIn, List<String> heldOut) {
        this.x = x;
        this.y = y;
        this.heldIn = heldIn;
        this.heldOut = heldOut;
    }

    private static double nearX() {
        return Board.X_MIN - 0.025;
    }

    private static double farX() {
        return Board.X_MAX - 0.025;
    }

    private static double midX() {
        return (nearX() + farX()) / 2;
    }

    /** Target x, metres. */
    public double x() {
        return x;
    }

    /** Target y, metres. */
    public double y() {
        return y;
    }

    /** Success radius: 0.10 m for the centre, 0.115 m elsewhere. */
    public double radius() {
        return this == CENTER ? 0.10 : 0.115;
    }

    /** Ways to name this location in the given phrasebook. */
    public List<String> words(Phrasebook book) {
        return book == Phrasebook.HELD_IN ? heldIn : heldOut;
    }
}
