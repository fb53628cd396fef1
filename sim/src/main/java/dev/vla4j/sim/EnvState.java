package dev.vla4j.sim;

import dev.vla4j.sim.tasks.Goal;
import dev.vla4j.sim.tasks.PushRoute;
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
    /** Names of {@link #environmentState()}'s values. */
    public static final List<String> ENVIRONMENT_STATE_NAMES = List.of("block_x", "block_y", "target_x", "target_y",
            "aim_x", "aim_y");

    /** Copies the block list. */
    public EnvState {
        blocks = List.copyOf(blocks);
    }

    /**
     * What the current instruction is about, in metres: the named block's position, the point it should end at
     * ({@link Goal#pushTarget}) and the point it should be pushed towards now ({@link PushRoute#aim}: the target, or a
     * waypoint round a block in the way). A simulator-only fact (LeRobot's {@code observation.environment_state}):
     * for privileged experiments and auxiliary training targets, never something a real robot can give a policy.
     */
    public float[] environmentState() {
        int b = goal.block();
        double[] target = goal.pushTarget(scene);
        double[] aim = PushRoute.aim(scene, radii, b, target);
        return new float[] {(float) scene.x(b), (float) scene.y(b), (float) target[0], (float) target[1],
            (float) aim[0], (float) aim[1]};
    }
}
