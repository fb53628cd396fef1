package dev.vla4j.cli.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seeded random float32 weights for benchmarks, drawn with DJL from a model's {@code expectedTensors} (name →
 * shape), variance-preserving so that activations keep a normal magnitude through deep stacks instead of
 * shrinking towards denormals, which would distort CPU timing (specs/refbench.md, FastViTHD). The scheme follows
 * the golden generators (golden/README.md), by tensor name:
 * <ul>
 *   <li>0-d tensors ({@code num_batches_tracked}): int64 zeros;</li>
 *   <li>{@code running_var}: U(0.5, 1.5); {@code layer_scale*}: U(0.2, 0.6); {@code gating_factor}: U(−0.8, 0.8);</li>
 *   <li>other 1-d {@code *.weight} (LayerNorm, RMSNorm, BatchNorm scales): 1 + N(0, 0.2²);</li>
 *   <li>other 1-d tensors (biases, {@code running_mean}): N(0, 0.1²);</li>
 *   <li>matrices and conv kernels: N(0, 1/fan_in), fan_in = the product of all axes but the first (torch's
 *       (out, in, kh, kw) layout), except FastViTHD's {@code head.proj}, stored (in, out).</li>
 * </ul>
 * Draws come from libtorch's generator, so set the engine's seed first for reproducible weights.
 */
final class BenchWeights {
    private BenchWeights() {}

    /** Every tensor of {@code shapes}, in its order, created in {@code manager}. */
    static Map<String, NDArray> generate(NDManager manager, Map<String, Shape> shapes) {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        shapes.forEach((name, shape) -> tensors.put(name, tensor(manager, name, shape)));
        return tensors;
    }

    /** One tensor by the rules above. */
    static NDArray tensor(NDManager manager, String name, Shape shape) {
        if (shape.dimension() == 0) {
            return manager.zeros(shape, DataType.INT64);
        }
        if (name.endsWith("running_var")) {
            return manager.randomUniform(0.5f, 1.5f, shape, DataType.FLOAT32);
        }
        if (name.contains("layer_scale")) {
            return manager.randomUniform(0.2f, 0.6f, shape, DataType.FLOAT32);
        }
        if (name.endsWith("gating_factor")) {
            return manager.randomUniform(-0.8f, 0.8f, shape, DataType.FLOAT32);
        }
        if (shape.dimension() == 1) {
            return name.endsWith(".weight") ? manager.randomNormal(1f, 0.2f, shape, DataType.FLOAT32)
                    : manager.randomNormal(0f, 0.1f, shape, DataType.FLOAT32);
        }
        long fanIn = name.endsWith("head.proj") ? shape.get(0) : shape.size() / shape.get(0);
        return manager.randomNormal(0f, (float) (1 / Math.sqrt(fanIn)), shape, DataType.FLOAT32);
    }
}
