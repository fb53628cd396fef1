package dev.vla4j.bridge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;
import java.util.Map;

/** A torch {@code nn.LayerNorm} over the last axis (eps 1e-5), stored as {@code <name>.weight/.bias}. */
record LayerNormLayer(NDArray weight, NDArray bias) {
    private static final float EPS = 1e-5f;

    static void expect(Map<String, Shape> shapes, String name, long dim) {
        shapes.put(name + ".weight", new Shape(dim));
        shapes.put(name + ".bias", new Shape(dim));
    }

    static LayerNormLayer take(HeadWeights weights, String name) {
        return new LayerNormLayer(weights.get(name + ".weight"), weights.get(name + ".bias"));
    }

    /** (..., dim) → (..., dim); the result belongs to {@code x}'s manager. */
    NDArray apply(NDArray x) {
        return LayerNorm.layerNorm(x, weight.getShape(), weight, bias, EPS).singletonOrThrow();
    }
}
