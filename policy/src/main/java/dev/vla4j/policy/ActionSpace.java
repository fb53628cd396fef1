package dev.vla4j.policy;

/**
 * The robot's actions as the policy sees them: normalized with q01/q99 from the dataset statistics, and, where
 * the robot has one, a gripper dimension that the policy predicts in [0, 1] and the robot receives as 0 or 1.
 *
 * @param gripperDim the gripper's index, or -1 when there is none (e.g. the planar pusher)
 */
public record ActionSpace(QuantileNormalizer normalizer, int gripperDim) {
    public ActionSpace {
        if (gripperDim < -1 || gripperDim >= normalizer.dim()) {
            throw new IllegalArgumentException("gripper dimension " + gripperDim + " is outside 0.." + (normalizer.dim() - 1));
        }
        if (gripperDim >= 0 && normalizer.mask()[gripperDim]) {
            throw new IllegalArgumentException("the gripper dimension must not be normalized (mask it out)");
        }
    }

    /** An action space without a gripper, every dimension normalized. */
    public static ActionSpace continuous(float[] q01, float[] q99) {
        return new ActionSpace(QuantileNormalizer.of(q01, q99), -1);
    }

    public int dim() {
        return normalizer.dim();
    }

    /** Robot units → the policy's training target in [−1, 1] (gripper in [0, 1]). */
    public float[] normalize(float[] action) {
        return normalizer.normalize(action);
    }

    /** The policy's output → robot units, the gripper binarized at 0.5. */
    public float[] toRobot(float[] normalized) {
        float[] action = normalizer.unnormalize(normalized);
        if (gripperDim >= 0) {
            action[gripperDim] = normalized[gripperDim] > 0.5f ? 1f : 0f;
        }
        return action;
    }
}
