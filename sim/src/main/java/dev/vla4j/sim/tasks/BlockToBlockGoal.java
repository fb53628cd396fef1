package dev.vla4j.sim.tasks;

import java.util.SplittableRandom;

/** block2block: the block's centre within 0.05 m of the target block's centre. */
public record BlockToBlockGoal(int block, int target) implements Goal {
    /** Success distance between the two centres. */
    public static final double RADIUS_M = 0.05;

    /** Validates that the two blocks differ. */
    public BlockToBlockGoal {
        if (block == target) {
            throw new IllegalArgumentException("block2block needs two different blocks, got " + block + " twice");
        }
    }

    @Override
    public boolean satisfied(Scene s) {
        return s.distance(block, target) < RADIUS_M;
    }

    @Override
    public double[] pushTarget(Scene s) {
        return new double[] {s.x(target), s.y(target)};
    }

    @Override
    public String instruction(Phrasebook book, Scene s, SplittableRandom rng) {
        String verb = Phrasebook.pick(book.verbs, rng);
        String name = BlockNames.pick(s.blocks().get(block), s.blocks(), rng);
        String preposition = Phrasebook.pick(book.prepositions, rng);
        return verb + " " + name + " " + preposition + " " + BlockNames.pick(s.blocks().get(target), s.blocks(), rng);
    }

    @Override
    public String family() {
        return "block2block";
    }
}
