package dev.vla4j.perception.io;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seeded fresh weights for a model's expected tensors, by the usual conventions of its upstream names: biases,
 * running means and {@code num_batches_tracked} are zero, norm gains and running variances are one, layer scales are
 * {@value #LAYER_SCALE_INIT} (every residual branch starts near zero), and every matrix or kernel is N(0, 1/fan_in)
 * (variance-preserving, so deep stacks neither explode nor vanish).
 */
public final class RandomWeights {
    /** Every layer scale of a fresh model: FastViT's {@code layer_scale_init_value}. */
    public static final float LAYER_SCALE_INIT = 1e-5f;

    private RandomWeights() {}

    /** The same names, shapes, order and seed give the same values (single-threaded engine seed). */
    public static Weights of(Map<String, Shape> expected, NDManager manager, int seed, String source) {
        Engine.getInstance().setRandomSeed(seed);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        expected.forEach((name, shape) -> tensors.put(name, initial(name, shape, manager)));
        return new Weights(tensors, source);
    }

    private static NDArray initial(String name, Shape shape, NDManager manager) {
        if (name.endsWith("num_batches_tracked")) {
            return manager.zeros(shape, DataType.INT64);
        }
        if (name.endsWith("bias") || name.endsWith("running_mean") || name.endsWith("gating_factor")) {
            return manager.zeros(shape);
        }
        if (name.contains("layer_scale")) {
            return manager.full(shape, LAYER_SCALE_INIT);
        }
        if (shape.dimension() <= 1 || name.endsWith("running_var")) {
            return manager.ones(shape);
        }
        long fanIn = shape.size() / shape.get(0);
        return manager.randomNormal(0f, (float) (1 / Math.sqrt(fanIn)), shape, DataType.FLOAT32);
    }
}
