package dev.vla4j.policy.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vla4j.perception.engine.HostArrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Training-time supervision only: a linear map from what the model reads the scene into (the mean of the last LM
 * layer's ActionQuery states, or the keypoint positions when the model has keypoints) to the normalized environment
 * state (in the simulator: where the named block is and where it should go). Its loss teaches
 * the network to find what the instruction names; it is never an input, and it is not part of the policy checkpoint
 * (it is saved with the optimizer state, so a resumed run continues exactly).
 */
final class AuxiliaryStateHead {
    static final String WEIGHT = "auxiliary.environment_state.weight";
    static final String BIAS = "auxiliary.environment_state.bias";

    private final NDArray weight; // (E, F)
    private final NDArray bias;   // (E)

    private AuxiliaryStateHead(NDArray weight, NDArray bias) {
        this.weight = weight;
        this.bias = bias;
    }

    /** PyTorch's Linear initialisation, U(−1/√F, 1/√F), from {@code seed}. */
    static AuxiliaryStateHead random(NDManager manager, int inputs, int dim, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double bound = 1 / Math.sqrt(inputs);
        float[] w = new float[dim * inputs];
        float[] b = new float[dim];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextDouble(-bound, bound);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) random.nextDouble(-bound, bound);
        }
        return new AuxiliaryStateHead(HostArrays.of(manager, w, new Shape(dim, inputs)),
                HostArrays.of(manager, b, new Shape(dim)));
    }

    /** The head saved by {@link #parameters()}; shapes are checked against (dim, inputs). */
    static AuxiliaryStateHead of(Map<String, NDArray> saved, int inputs, int dim) {
        NDArray w = saved.get(WEIGHT);
        NDArray b = saved.get(BIAS);
        if (w == null || b == null || !w.getShape().equals(new Shape(dim, inputs)) || !b.getShape().equals(new Shape(dim))) {
            throw new IllegalArgumentException("the saved auxiliary head must hold " + WEIGHT + " (" + dim + ", " + inputs
                    + ") and " + BIAS + " (" + dim + "), got " + saved.keySet());
        }
        return new AuxiliaryStateHead(w, b);
    }

    /** (B, F) scene reading → (B, E) predicted normalized environment state. */
    NDArray predict(NDArray reading) {
        return reading.matMul(weight.transpose()).add(bias);
    }

    /** The trainable tensors by name. */
    Map<String, NDArray> parameters() {
        Map<String, NDArray> parameters = new LinkedHashMap<>();
        parameters.put(WEIGHT, weight);
        parameters.put(BIAS, bias);
        return parameters;
    }
}
