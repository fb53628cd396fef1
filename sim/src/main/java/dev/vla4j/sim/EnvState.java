package dev.vla4j.sim;

import dev.vla4j.sim.tasks.Goal;
import dev.vla4j.sim.tasks.Scene;
import java.util.List;

/**
 * Privileged simulator state for scripted experts and debugging (policies get {@link Observation} only).
 *
 * @param blocks    kinds of the blocks on the table
 * @param poses     {x, y, angle} per block
 * @param radii     collision radius per block (farthest hull vertex), m
 * @param eeX       end effector x
 * @param eeY       end effector y
 * @param goal      the current instruction's goal
 * @param scene     block positions as the goal's predicates read them
 * @param completed instructions completed so far
 * @param goals     instructions in the episode
 */
public record EnvState(List<Block> blocks, double[][] poses, double[] radii, double eeX, double eeY, Goal goal,
                       Scene scene, int completed, int goals) {
    /** Copies the block list. */
    public EnvState {
        blocks = List.copyOf(blocks);
    }
}
