package dev.vla4j.sim.tasks;

import java.util.SplittableRandom;

/**
 * block2block_relative_location: put the block beside the target block in a direction (offset 0.08 m, or
 * (0.04, 0.04) m on diagonals). Success: the block within 0.04 m of some point between 0.5× and 1.1× the offset
 * from the target block, and the target block dragged no more than 0.05 m from where it was when the instruction
 * was given.
 */
public record BesideBlockGoal(int block, int target, Direction direction, double targetStartX, double targetStartY)
        implements Goal {
    /** Success distance to the offset line. */
    public static final double RADIUS_M = 0.04;
    /** How far the target block may be dragged. */
    public static final double DRAG_LIMIT_M = 0.05;

    /** Validates that the two blocks differ. */
    public BesideBlockGoal {
        if (block == target) {
            throw new IllegalArgumentException("block2block_relative_location needs two different blocks");
        }
    }

    /** Offset {dx, dy} from the target block. */
    public double[] offset() {
        double m = direction.diagonal() ? 0.04 : 0.08;
        return new double[] {direction.dx() * m, direction.dy() * m};
    }

    @Override
    public boolean satisfied(Scene s) {
        if (s.distance(target, targetStartX, targetStartY) > DRAG_LIMIT_M) {
            return false;
        }
        double[] o = offset();
        for (int k = 0; k < 10; k++) {
            double f = 0.5 + 0.6 * k / 9;
            if (s.distance(block, s.x(target) + f * o[0], s.y(target) + f * o[1]) < RADIUS_M) {
                return true;
            }
        }
        return false;
    }

    @Override
    public double[] pushTarget(Scene s) {
        double[] o = offset();
        return new double[] {s.x(target) + o[0], s.y(target) + o[1]};
    }

    @Override
    public String instruction(Phrasebook book, Scene s, SplittableRandom rng) {
        String verb = Phrasebook.pick(book.verbs, rng);
        String name = BlockNames.pick(s.blocks().get(block), s.blocks(), rng);
        String where = book.beside(direction, rng);
        return verb + " " + name + " " + where + " " + BlockNames.pick(s.blocks().get(target), s.blocks(), rng);
    }

    @Override
    public String family() {
        return "block2block_relative_location";
    }
}
