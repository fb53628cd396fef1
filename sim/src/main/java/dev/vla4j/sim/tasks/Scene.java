package dev.vla4j.sim.tasks;

import dev.vla4j.sim.Block;
import java.util.List;

/**
 * Block positions on the table at one instant. The first {@code taskBlocks} blocks may appear in goals; any after
 * them are distractors (perturbation split) that goals never name.
 *
 * @param blocks     kinds of all blocks on the table
 * @param xy         {x, y} per block, metres
 * @param taskBlocks how many leading blocks goals may use
 */
public record Scene(List<Block> blocks, double[][] xy, int taskBlocks) {
    /** Validates the sizes. */
    public Scene {
        if (xy.length != blocks.size() || taskBlocks < 1 || taskBlocks > blocks.size()) {
            throw new IllegalArgumentException("scene with " + blocks.size() + " blocks, " + xy.length
                    + " positions and " + taskBlocks + " task blocks");
        }
        blocks = List.copyOf(blocks);
    }

    /** x of block {@code i}. */
    public double x(int i) {
        return xy[i][0];
    }

    /** y of block {@code i}. */
    public double y(int i) {
        return xy[i][1];
    }

    /** Distance from block {@code i} to the point (x, y). */
    public double distance(int i, double x, double y) {
        return Math.hypot(xy[i][0] - x, xy[i][1] - y);
    }

    /** Distance between blocks {@code i} and {@code j}. */
    public double distance(int i, int j) {
        return distance(i, xy[j][0], xy[j][1]);
    }

    /** Whether some block other than {@code except} has its centre within {@code r} of (x, y). */
    public boolean occupied(double x, double y, double r, int except) {
        for (int i = 0; i < xy.length; i++) {
            if (i != except && distance(i, x, y) < r) {
                return true;
            }
        }
        return false;
    }
}
