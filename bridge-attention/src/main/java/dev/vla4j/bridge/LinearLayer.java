package dev.vla4j.bridge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.Map;

/** A torch {@code nn.Linear}: {@code weight} (out, in) and {@code bias} (out), stored as {@code <name>.weight/.bias}. */
record LinearLayer(NDArray weight, NDArray bias) {

    static void expect(Map<String, Shape> shapes, String name, long in, long out) {
        shapes.put(name + ".weight", new Shape(out, in));
        shapes.put(name + ".bias", new Shape(out));
    }

    static LinearLayer take(HeadWeights weights, String name) {
        return new LinearLayer(weights.get(name + ".weight"), weights.get(name + ".bias"));
    }

    /** x W^T + b over the last axis: (..., in) → (..., out); the result belongs to {@code x}'s manager. */
    NDArray apply(NDArray x) {
        return Linear.linear(x, weight, bias).singletonOrThrow();
    }
}
