package dev.vla4j.sim.record;

import dev.vla4j.policy.dataset.DatasetSpec;
import dev.vla4j.policy.dataset.FeatureSpec;
import dev.vla4j.policy.dataset.FeatureSpec.Dtype;
import dev.vla4j.sim.EnvState;
import dev.vla4j.sim.TableEnv;
import java.util.List;

/**
 * The features of a dataset recorded from the simulator, at {@value #FPS} frames per second. A frame holds the
 * observation at one control step and what followed it:
 * <ul>
 *   <li>{@value #IMAGE}: the top-down camera, (size, size, 3);</li>
 *   <li>{@value #STATE}: float32[4], the sim's proprioception {ee_x, ee_y, ee_vx, ee_vy};</li>
 *   <li>{@value #ENVIRONMENT_STATE}: float32[4], privileged simulator state {block_x, block_y, target_x,
 *       target_y}: the named block and where it should go ({@link dev.vla4j.sim.EnvState#environmentState});</li>
 *   <li>{@value #ACTION}: float32[2], the displacement actually applied (clamped per step and to the board);</li>
 *   <li>{@value #REWARD}, {@value #DONE}, {@value #SUCCESS}: the step's reward, and whether the recorded episode
 *       ended or succeeded with it.</li>
 * </ul>
 */
public final class SimDataset {
    /** Frames per second (the 10 Hz control rate). */
    public static final int FPS = 10;
    /** The robot type written to info.json. */
    public static final String ROBOT_TYPE = "vla4j-sim-planar";
    public static final String IMAGE = "observation.images.top";
    public static final String STATE = "observation.state";
    public static final String ENVIRONMENT_STATE = "observation.environment_state";
    /** Where the named block, its target and the aim are in the image ({@link TableEnv#goalImagePositions()}). */
    public static final String GOAL_POSITIONS = "observation.goal_image_positions";
    /** Where every block is in the image, by kind ({@link TableEnv#blockImagePositions()}): supervision only. */
    public static final String BLOCK_POSITIONS = "observation.block_positions";
    public static final String ACTION = "action";
    public static final String REWARD = "next.reward";
    public static final String DONE = "next.done";
    public static final String SUCCESS = "next.success";

    private SimDataset() {
    }

    /** The dataset spec for {@code imageSize}-pixel camera images. */
    public static DatasetSpec spec(int imageSize) {
        return new DatasetSpec(FPS, ROBOT_TYPE, List.of(
                FeatureSpec.image(IMAGE, imageSize, imageSize),
                FeatureSpec.floats(STATE, List.of("ee_x", "ee_y", "ee_vx", "ee_vy")),
                FeatureSpec.floats(ENVIRONMENT_STATE, EnvState.ENVIRONMENT_STATE_NAMES),
                FeatureSpec.floats(BLOCK_POSITIONS, TableEnv.BLOCK_IMAGE_POSITION_NAMES),
                FeatureSpec.floats(GOAL_POSITIONS, TableEnv.GOAL_IMAGE_POSITION_NAMES),
                FeatureSpec.floats(ACTION, List.of("dx", "dy")),
                FeatureSpec.scalar(REWARD, Dtype.FLOAT32),
                FeatureSpec.scalar(DONE, Dtype.BOOL),
                FeatureSpec.scalar(SUCCESS, Dtype.BOOL)));
    }
}
