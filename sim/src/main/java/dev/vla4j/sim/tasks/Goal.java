package dev.vla4j.sim.tasks;

import java.util.SplittableRandom;

/**
 * One instruction's goal: which block to move, whether the scene satisfies it (the Language-Table success
 * predicate with its distance threshold), where a scripted pusher should bring the block, and the instruction.
 */
public sealed interface Goal permits AbsoluteLocationGoal, RelativeLocationGoal, BlockToBlockGoal,
        BesideBlockGoal, SeparateBlocksGoal {
    /** Index of the block to move. */
    int block();

    /** The success predicate. */
    boolean satisfied(Scene scene);

    /** The point {x, y} the block should be pushed towards now (inside the board). */
    double[] pushTarget(Scene scene);

    /** An instruction for this goal, worded from {@code book}, naming blocks as Language-Table does. */
    String instruction(Phrasebook book, Scene scene, SplittableRandom rng);

    /** Family name, e.g. "block2block". */
    String family();
}
