package dev.vla4j.sim.tasks;

import dev.vla4j.sim.Block;
import dev.vla4j.sim.Board;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How a task's scenes are laid out: {@code fixed} blocks (always present, in this order, first in the scene), then
 * blocks drawn from {@code pool} up to {@code count}; optionally one pair placed touching (for separate_blocks);
 * the perturbation split adds {@code distractors} blocks of {@link Block#BLOCK_8} not yet on the table.
 * Blocks sit at least {@value #SPACING_M} m apart (so only the deliberate pair is "joined"), at least
 * {@value #EDGE_M} m inside the board and {@value #EE_CLEARANCE_M} m from the end effector.
 */
public record SceneRecipe(List<Block> fixed, List<Block> pool, int count, boolean adjacentPair, int distractors) {
    static final double SPACING_M = 0.08;
    static final double EDGE_M = 0.06;
    static final double EE_CLEARANCE_M = 0.07;

    /** Validates the counts. */
    public SceneRecipe {
        fixed = List.copyOf(fixed);
        pool = List.copyOf(pool);
        if (count < Math.max(2, fixed.size()) || count > fixed.size() + pool.size()) {
            throw new IllegalArgumentException("scene of " + count + " blocks from " + fixed.size()
                    + " fixed and a pool of " + pool.size());
        }
        if (distractors < 0 || count + distractors > Block.BLOCK_8.size()) {
            throw new IllegalArgumentException("bad distractor count " + distractors + " for " + count + " blocks");
        }
    }

    /** The block kinds of one scene: the fixed blocks then {@code count − fixed} drawn from the pool. */
    List<Block> drawBlocks(SplittableRandom rng) {
        List<Block> blocks = new ArrayList<>(fixed);
        List<Block> rest = new ArrayList<>(pool);
        while (blocks.size() < count) {
            blocks.add(rest.remove(rng.nextInt(rest.size())));
        }
        return blocks;
    }

    /** Distractor kinds for a scene holding {@code onTable}. */
    List<Block> drawDistractors(List<Block> onTable, SplittableRandom rng) {
        List<Block> rest = new ArrayList<>(Block.BLOCK_8);
        rest.removeAll(onTable);
        List<Block> out = new ArrayList<>();
        while (out.size() < distractors) {
            out.add(rest.remove(rng.nextInt(rest.size())));
        }
        return out;
    }

    /**
     * Places {@code n} new blocks beside {@code placed} ({x, y, angle} each, extended in place) and away from the
     * end effector; returns false when a block found no free spot.
     */
    static boolean place(List<double[]> placed, int n, boolean adjacentPair, double eeX, double eeY,
                         SplittableRandom rng) {
        int start = placed.size();
        for (int k = 0; k < n; k++) {
            double[] pose = null;
            for (int attempt = 0; attempt < 200 && pose == null; attempt++) {
                double[] c;
                if (adjacentPair && k == 1) {
                    double[] first = placed.get(start);
                    double a = 2 * Math.PI * rng.nextDouble();
                    double d = 0.046 + 0.016 * rng.nextDouble();
                    c = new double[] {first[0] + d * Math.cos(a), first[1] + d * Math.sin(a)};
                } else {
                    c = new double[] {
                        Board.X_MIN + EDGE_M + (Board.X_MAX - Board.X_MIN - 2 * EDGE_M) * rng.nextDouble(),
                        Board.Y_MIN + EDGE_M + (Board.Y_MAX - Board.Y_MIN - 2 * EDGE_M) * rng.nextDouble()};
                }
                double angle = 2 * Math.PI * rng.nextDouble();
                if (free(placed, c, adjacentPair && k == 1 ? start : -1, eeX, eeY)) {
                    pose = new double[] {c[0], c[1], angle};
                }
            }
            if (pose == null) {
                return false;
            }
            placed.add(pose);
        }
        return true;
    }

    private static boolean free(List<double[]> placed, double[] c, int partner, double eeX, double eeY) {
        if (!Board.inside(c[0], c[1], EDGE_M) || Math.hypot(c[0] - eeX, c[1] - eeY) < EE_CLEARANCE_M) {
            return false;
        }
        for (int i = 0; i < placed.size(); i++) {
            if (i != partner && Math.hypot(placed.get(i)[0] - c[0], placed.get(i)[1] - c[1]) < SPACING_M) {
                return false;
            }
        }
        return true;
    }
}
